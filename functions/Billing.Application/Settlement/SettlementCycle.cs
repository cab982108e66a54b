using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask;

namespace Billing.Application.Settlement;

/// <summary>
/// The settlement cycle orchestration: one instance per settlement timer occurrence
/// (<see cref="InstanceId"/>, so starting it twice is a no-op). It lists the invoiced customers in batches
/// (<see cref="ListBatchesActivity"/>, retried by <see cref="ListRetry"/>; a listing that keeps failing fails the cycle), fans out one <see cref="SettleBatchActivity"/> per batch, and fans their results
/// in. A batch that throws is retried by <see cref="BatchRetry"/>; when the retries are spent, the batch runs once more in
/// reporting mode, which settles what it can and names each customer that failed and why, so a bad customer never takes
/// the cycle or the rest of its batch down. The custom status is a <see cref="SettlementCycleProgress"/>; the output a
/// <see cref="SettlementCycleSummary"/>. Deterministic: no clock, no I/O, ids from the input.
/// </summary>
public static class SettlementCycle
{
    public const string Name = "SettlementCycle";
    public const string ListBatchesActivity = "ListSettlementBatches";
    public const string SettleBatchActivity = "SettleBatch";

    /// <summary>The prefix of every settlement cycle instance id.</summary>
    public const string InstancePrefix = "settlement-cycle/";

    /// <summary>Customers per batch: few enough storage work per activity, few enough activities per invoice.</summary>
    public const int DefaultBatchSize = 50;

    /// <summary>A failing listing: 3 attempts, 2 s then 4 s apart; then the cycle fails, to be restarted once the cause is fixed.</summary>
    public static TaskOptions ListRetry { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(2), backoffCoefficient: 2));

    /// <summary>A failing batch: 3 attempts, 2 s then 4 s apart.</summary>
    public static TaskOptions BatchRetry { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(2), backoffCoefficient: 2));

    /// <summary>The instance id of the cycle for <paramref name="occurrence"/>: <c>settlement-cycle/2026-02-01T00:05:00Z</c>.</summary>
    public static string InstanceId(DateTimeOffset occurrence) =>
        InstancePrefix + occurrence.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static async Task<SettlementCycleSummary> RunAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Read as raw JSON: the Functions worker and the local host type an orchestration function's input only here.
        SettlementCycleInput input = context.GetInput<JsonElement>().Deserialize<SettlementCycleInput>() ?? throw new InvalidOperationException("A settlement cycle needs its input.");
        IReadOnlyList<IReadOnlyList<string>> batches =
            await context.CallActivityAsync<IReadOnlyList<IReadOnlyList<string>>>(ListBatchesActivity, input.BatchSize, ListRetry) ?? [];

        var pending = batches.Select((customers, index) => SettleAsync(context, new SettlementBatch(index, customers, TraceParent: input.TraceParent))).ToList();
        var settled = 0;
        var invoices = new SortedSet<string>(StringComparer.Ordinal);
        var failures = new List<SettlementFailure>();
        var done = 0;
        context.SetCustomStatus(new SettlementCycleProgress(0, batches.Count, 0, 0));
        while (pending.Count > 0)
        {
            Task<SettlementBatchResult> finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            SettlementBatchResult result = await finished;
            done++;
            settled += result.Settled.Count;
            invoices.UnionWith(result.Invoices);
            failures.AddRange(result.Failures);
            context.SetCustomStatus(new SettlementCycleProgress(done, batches.Count, settled, failures.Count));
        }

        return new SettlementCycleSummary(input.Occurrence, batches.Sum(b => b.Count), settled, invoices.Count, [.. failures.OrderBy(f => f.Customer, StringComparer.Ordinal)]);
    }

    /// <summary>One batch: retried by policy; then once more reporting each customer's failure; then every customer failed with the error.</summary>
    private static async Task<SettlementBatchResult> SettleAsync(TaskOrchestrationContext context, SettlementBatch batch)
    {
        try
        {
            return await context.CallActivityAsync<SettlementBatchResult>(SettleBatchActivity, batch, BatchRetry);
        }
        catch (TaskFailedException)
        {
            try
            {
                return await context.CallActivityAsync<SettlementBatchResult>(SettleBatchActivity, batch with { Report = true });
            }
            catch (TaskFailedException failed)
            {
                string reason = failed.FailureDetails.ErrorMessage;
                return new SettlementBatchResult(batch.Index, [], [], [.. batch.Customers.Select(c => new SettlementFailure(c, reason))]);
            }
        }
    }
}
