using System.Collections.Concurrent;
using System.Text.Json;
using Billing.Application.Settlement;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace Billing.Orchestration.Tests;

/// <summary>
/// The settlement cycle orchestrator on the in-memory test host, with stand-in activities under the real names and
/// contracts: every batch is fanned out and its result fanned in, a batch that fails once is retried by the policy and
/// completes, and a batch whose customer fails every time is reported with that customer and the reason while the
/// other customers (of that batch and of the others) are settled.
/// </summary>
public sealed class SettlementCycleTests
{
    private static readonly string[][] Batches = [["a", "b"], ["c", "d"], ["e"]];
    private static readonly DateTimeOffset Occurrence = new(2026, 2, 1, 0, 5, 0, TimeSpan.Zero);

    /// <summary>Attempts in reporting mode are counted under the batch index plus this.</summary>
    private const int Reporting = 1000;

    [Fact]
    public async Task Every_batch_is_settled_and_a_batch_failing_once_is_retried_by_the_policy()
    {
        var attempts = new ConcurrentDictionary<int, int>();
        await using DurableTaskTestHost host = await StartAsync(attempts, (batch, attempt) =>
            batch.Index == 1 && attempt == 1 ? throw new InvalidOperationException("storage timed out") : Settle(batch, failing: null));

        OrchestrationMetadata done = await RunAsync(host);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        SettlementCycleSummary summary = done.ReadOutputAs<SettlementCycleSummary>()!;
        Assert.Equal(new SettlementCycleSummary(Occurrence, 5, 5, 5, []), summary with { Failures = [] });
        Assert.Empty(summary.Failures);
        Assert.Equal(2, attempts[1]);
        Assert.False(attempts.ContainsKey(Reporting + 1), "the retried batch needed the reporting attempt");
        Assert.Equal(1, attempts[0]);
        Assert.Equal(1, attempts[2]);
        Assert.Equal(new SettlementCycleProgress(3, 3, 5, 0), done.ReadCustomStatusAs<SettlementCycleProgress>());
    }

    [Fact]
    public async Task A_batch_failing_every_time_is_reported_with_customer_and_reason_and_the_others_complete()
    {
        var attempts = new ConcurrentDictionary<int, int>();
        await using DurableTaskTestHost host = await StartAsync(attempts, (batch, _) => Settle(batch, failing: "c"));

        OrchestrationMetadata done = await RunAsync(host);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        SettlementCycleSummary summary = done.ReadOutputAs<SettlementCycleSummary>()!;
        Assert.Equal(5, summary.Customers);
        Assert.Equal(4, summary.Settled);
        Assert.Equal(4, summary.Invoices);
        Assert.Equal([new SettlementFailure("c", "card declined")], summary.Failures);

        // The policy's 3 attempts, then the reporting one.
        Assert.Equal(3, attempts[1]);
        Assert.Equal(1, attempts[Reporting + 1]);
        Assert.Equal(new SettlementCycleProgress(3, 3, 4, 1), done.ReadCustomStatusAs<SettlementCycleProgress>());
    }

    [Fact]
    public void The_instance_id_is_the_occurrence_in_UTC_to_the_second()
    {
        Assert.Equal("settlement-cycle/2026-02-01T00:05:00Z", SettlementCycle.InstanceId(new DateTimeOffset(2026, 2, 1, 1, 5, 0, TimeSpan.FromHours(1))));
    }

    /// <summary>The batch's result: each customer settled with one invoice, except <paramref name="failing"/>, which throws (or is reported on the reporting attempt).</summary>
    private static SettlementBatchResult Settle(SettlementBatch batch, string? failing)
    {
        var failures = batch.Customers.Where(c => c == failing).Select(c => new SettlementFailure(c, "card declined")).ToList();
        if (failures.Count > 0 && !batch.Report)
        {
            throw new SettlementBatchException(batch.Index, failures);
        }

        var settled = batch.Customers.Where(c => c != failing).ToList();
        return new SettlementBatchResult(batch.Index, settled, [.. settled.Select(c => $"INV-{c}")], failures);
    }

    private static Task<DurableTaskTestHost> StartAsync(ConcurrentDictionary<int, int> attempts, Func<SettlementBatch, int, SettlementBatchResult> settle) =>
        DurableTaskTestHost.StartAsync(registry =>
        {
            // As both hosts register it: the input arrives as raw JSON.
            registry.AddOrchestratorFunc<object?, SettlementCycleSummary>(SettlementCycle.Name, (context, _) => SettlementCycle.RunAsync(context));
            registry.AddActivityFunc<int, IReadOnlyList<IReadOnlyList<string>>>(SettlementCycle.ListBatchesActivity, (_, size) =>
            {
                Assert.Equal(SettlementCycle.DefaultBatchSize, size);
                return Batches;
            });
            registry.AddActivityFunc<SettlementBatch, SettlementBatchResult>(SettlementCycle.SettleBatchActivity, (_, batch) =>
                settle(batch!, attempts.AddOrUpdate(batch!.Index + (batch.Report ? Reporting : 0), 1, (_, n) => n + 1)));
        });

    private static async Task<OrchestrationMetadata> RunAsync(DurableTaskTestHost host)
    {
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            SettlementCycle.Name, new SettlementCycleInput(Occurrence, SettlementCycle.DefaultBatchSize), new StartOrchestrationOptions(SettlementCycle.InstanceId(Occurrence)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }
}
