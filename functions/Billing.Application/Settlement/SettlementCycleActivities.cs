using Billing.Application.Accounts;
using Billing.Application.Configuration;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Billing.Application.Settlement;

/// <summary>
/// The activities of the <see cref="SettlementCycle"/> orchestration: listing the invoiced customers in batches
/// (customers billed through a parent are settled with it), and settling one batch, each customer through
/// <see cref="CustomerSettlement"/> (settle, number, render, store, email, then each unpaid invoice's dunning orchestration; idempotent, so a
/// retried or replayed batch settles each customer once). <c>Billing:FailAt</c> <c>list</c> (recovery tests) makes every
/// listing fail, as a directory that cannot be read would.
/// </summary>
public sealed class SettlementCycleActivities(BillingDirectory directory, CustomerSettlement settlement, CrashPoints crashes, IOptions<BillingOptions> options)
{
    /// <summary>The invoiced customers by id, in batches of <paramref name="batchSize"/>.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> ListBatchesAsync(int batchSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (string.Equals(options.Value.FailAt, "list", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("The invoiced customers cannot be listed: injected fault (Billing:FailAt = list).");
        }

        var invoiced = (await directory.AllCustomersAsync(ct)).Where(c => !c.BillsThroughParent).Select(c => c.Id).Order(StringComparer.Ordinal);
        return [.. invoiced.Chunk(batchSize).Select(chunk => (IReadOnlyList<string>)chunk)];
    }

    /// <summary>
    /// Settles every customer of <paramref name="batch"/> (one failing customer does not stop the others). Throws
    /// <see cref="SettlementBatchException"/> when any failed, unless the batch is the reporting attempt, which answers
    /// them in the result.
    /// </summary>
    public async Task<SettlementBatchResult> SettleBatchAsync(SettlementBatch batch, DurableTaskClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var span = Hosting.BillingTelemetry.StartFromMessage("settlement.batch", batch.TraceParent);
        span?.SetTag("billing.settlement.batch", batch.Index);
        var settled = new List<string>();
        var invoices = new List<string>();
        var failures = new List<SettlementFailure>();
        foreach (string customer in batch.Customers)
        {
            try
            {
                invoices.AddRange(await settlement.SettleAsync(customer, client, ct));
                settled.Add(customer);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add(new SettlementFailure(customer, ex.Message));
            }
        }

        await crashes.PassAsync("batch", ct);
        if (failures.Count > 0 && !batch.Report)
        {
            throw new SettlementBatchException(batch.Index, failures);
        }

        return new SettlementBatchResult(batch.Index, settled, invoices, failures);
    }
}
