using System.Collections.Concurrent;
using Billing.Application.Collections.Dunning;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace Billing.Orchestration.Tests;

/// <summary>
/// The dunning orchestrator on the in-memory test host, on the simulated clock (business time moves only by the
/// <c>clock</c> events the test raises), with stand-in activities under the real names and contracts: the instants
/// that matter are a list the test edits, and each collect is recorded with the business instant it ran at. A payment
/// before a step ends the dunning with no later collect; a payment plan makes the instance wait for its installment
/// instead of the next ladder step, and a missed installment resumes the ladder counted from it; after the last step an
/// unpaid invoice's instance waits, with no timer, for a payment or a plan.
/// </summary>
public sealed class InvoiceDunningTests
{
    private static readonly DateTimeOffset Issued = new(2026, 2, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset[] Ladder = [Issued.AddDays(7), Issued.AddDays(10), Issued.AddDays(14), Issued.AddDays(17)];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_payment_before_a_step_ends_the_dunning_paid_and_no_later_step_is_collected(int paidBeforeStep)
    {
        var invoice = new StandInInvoice(Ladder);
        await using DurableTaskTestHost host = await StartAsync(invoice);
        string id = await StartDunningAsync(host);

        for (var step = 0; step < paidBeforeStep; step++)
        {
            await WaitForNextAsync(host, id, Ladder[step]);
            await ReachAsync(host, id, invoice, Ladder[step]);
            await Eventually(() => invoice.Collected.Count == step + 1, $"step {step} was not collected");
        }

        await WaitForNextAsync(host, id, Ladder[paidBeforeStep]);
        invoice.Paid = true;
        await host.Client.RaiseEventAsync(id, InvoiceDunning.PaidEvent, "{}");
        OrchestrationMetadata done = await CompletedAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        InvoiceDunningSummary summary = done.ReadOutputAs<InvoiceDunningSummary>()!;
        Assert.True(summary.Paid);
        Assert.Equal(Ladder.Take(paidBeforeStep), invoice.Collected);
        Assert.Equal(new DunningProgress(null, paidBeforeStep == 0 ? Issued : Ladder[paidBeforeStep - 1]), done.ReadCustomStatusAs<DunningProgress>());
    }

    [Fact]
    public async Task A_payment_plan_holds_the_ladder_until_its_installment_and_a_missed_installment_resumes_the_ladder_from_it()
    {
        var invoice = new StandInInvoice(Ladder);
        await using DurableTaskTestHost host = await StartAsync(invoice);
        string id = await StartDunningAsync(host);
        await WaitForNextAsync(host, id, Ladder[0]);
        await ReachAsync(host, id, invoice, Ladder[0]);
        await Eventually(() => invoice.Collected.Count == 1, "the first step was not collected");
        await WaitForNextAsync(host, id, Ladder[1]);

        // A plan: one installment due after the next ladder step; the ladder's steps count from it if it is missed.
        var installment = Ladder[1].AddDays(5);
        invoice.Replace([Ladder[0], installment, installment.AddDays(3)]);
        await host.Client.RaiseEventAsync(id, InvoiceDunning.PlanAgreedEvent, "{}");
        await WaitForNextAsync(host, id, installment);

        // The held ladder step's instant passes without a collect.
        await ReachAsync(host, id, invoice, Ladder[1]);
        await WaitForClockAsync(host, id, Ladder[1]);
        Assert.Equal([Ladder[0]], invoice.Collected);

        // The installment is missed: it is collected, then the ladder resumes counted from it, then it waits for payment.
        await ReachAsync(host, id, invoice, installment);
        await WaitForNextAsync(host, id, installment.AddDays(3));
        await ReachAsync(host, id, invoice, installment.AddDays(3));
        await WaitForStatusAsync(host, id, p => p.AwaitingPayment, "the instance never waited for payment");

        Assert.Equal([Ladder[0], installment, installment.AddDays(3)], invoice.Collected);
    }

    [Fact]
    public async Task After_its_last_step_an_unpaid_invoice_s_dunning_stays_running_awaiting_payment_and_a_payment_ends_it()
    {
        var invoice = new StandInInvoice(Ladder);
        await using DurableTaskTestHost host = await StartAsync(invoice);
        string id = await StartDunningAsync(host);
        foreach (var step in Ladder)
        {
            await WaitForNextAsync(host, id, step);
            await ReachAsync(host, id, invoice, step);
        }

        await WaitForStatusAsync(host, id, p => p.AwaitingPayment, "the instance never waited for payment");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Equal(new DunningProgress(null, Ladder[^1], AwaitingPayment: true), (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadCustomStatusAs<DunningProgress>());

        invoice.Paid = true;
        await host.Client.RaiseEventAsync(id, InvoiceDunning.PaidEvent, "{}");
        OrchestrationMetadata done = await CompletedAsync(host, id);

        Assert.Equal(new InvoiceDunningSummary("acme", "2026-01", true, Ladder[^1]), done.ReadOutputAs<InvoiceDunningSummary>());
        Assert.Equal(Ladder, invoice.Collected);
    }

    [Fact]
    public async Task A_payment_plan_agreed_after_the_last_step_gives_the_waiting_dunning_its_installment()
    {
        var invoice = new StandInInvoice(Ladder);
        await using DurableTaskTestHost host = await StartAsync(invoice);
        string id = await StartDunningAsync(host);
        foreach (var step in Ladder)
        {
            await WaitForNextAsync(host, id, step);
            await ReachAsync(host, id, invoice, step);
        }

        await WaitForStatusAsync(host, id, p => p.AwaitingPayment, "the instance never waited for payment");
        var installment = Ladder[^1].AddDays(20);
        invoice.Replace([.. Ladder, installment]);
        await host.Client.RaiseEventAsync(id, InvoiceDunning.PlanAgreedEvent, "{}");
        await WaitForNextAsync(host, id, installment);
        await ReachAsync(host, id, invoice, installment);
        await WaitForStatusAsync(host, id, p => p.AwaitingPayment && p.Clock == installment, "the instance never collected the installment and waited for payment");

        Assert.Equal([.. Ladder, installment], invoice.Collected);
    }

    [Fact]
    public async Task The_next_instant_given_at_start_is_waited_for_without_asking_and_is_asked_again_after_a_plan()
    {
        var invoice = new StandInInvoice(Ladder);
        await using DurableTaskTestHost host = await StartAsync(invoice);
        string id = await StartDunningAsync(host, new DunningInstant(Ladder[0], false));
        await WaitForNextAsync(host, id, Ladder[0]);
        Assert.Equal(0, invoice.Asked);

        // A plan agreed before the first step: the instance asks again rather than keep the instant it started with.
        var installment = Ladder[0].AddDays(-2);
        invoice.Replace([installment, .. Ladder]);
        await host.Client.RaiseEventAsync(id, InvoiceDunning.PlanAgreedEvent, "{}");
        await WaitForNextAsync(host, id, installment);
        Assert.Equal(1, invoice.Asked);
    }

    [Fact]
    public void The_instance_id_names_the_customer_and_the_period()
    {
        Assert.Equal("dunning/acme/2026-01", InvoiceDunning.InstanceId("acme", "2026-01"));
    }

    /// <summary>The invoice as the stand-in activities see it: the instants that matter, whether it is paid, the business instant now, and the collects run.</summary>
    private sealed class StandInInvoice(IEnumerable<DateTimeOffset> instants)
    {
        private volatile DateTimeOffset[] instants = [.. instants.Order()];

        public volatile bool Paid;

        public DateTimeOffset Now { get; set; } = Issued;

        public ConcurrentQueue<DateTimeOffset> Collected { get; } = new();

        /// <summary>How many times the instance asked for its next instant.</summary>
        public int Asked => asked;

        private int asked;

        public void Replace(IEnumerable<DateTimeOffset> changed) => instants = [.. changed.Order()];

        public DunningInstant Next(DunningInstantRequest request)
        {
            Interlocked.Increment(ref asked);
            if (Paid)
            {
                return new DunningInstant(null, true);
            }

            var next = instants.Where(i => request.HandledUntil is not { } handled || i > handled).Select(i => (DateTimeOffset?)i).FirstOrDefault();
            return new DunningInstant(next, false, AwaitingPayment: next is null);
        }

        public DunningStepCollected Collect()
        {
            Collected.Enqueue(Now);
            return new DunningStepCollected(Now, Paid);
        }
    }

    private static Task<DurableTaskTestHost> StartAsync(StandInInvoice invoice) =>
        DurableTaskTestHost.StartAsync(registry =>
        {
            // As both hosts register it: the input arrives as raw JSON.
            registry.AddOrchestratorFunc<object?, InvoiceDunningSummary?>(InvoiceDunning.Name, (context, _) => InvoiceDunning.RunAsync(context));
            registry.AddActivityFunc<DunningInstantRequest, DunningInstant>(InvoiceDunning.NextInstantActivity, (_, request) => invoice.Next(request!));
            registry.AddActivityFunc<DunningStepRequest, DunningStepCollected>(InvoiceDunning.CollectStepActivity, (_, _) => invoice.Collect());
        });

    private static Task<string> StartDunningAsync(DurableTaskTestHost host, DunningInstant? next = null) =>
        host.Client.ScheduleNewOrchestrationInstanceAsync(
            InvoiceDunning.Name, new InvoiceDunningInput("acme", "2026-01", null, SimulatedClock: true, Issued, next), new StartOrchestrationOptions(InvoiceDunning.InstanceId("acme", "2026-01")));

    /// <summary>Moves business time to <paramref name="at"/> as the simulated clock does: the instant, then the <c>clock</c> event.</summary>
    private static async Task ReachAsync(DurableTaskTestHost host, string id, StandInInvoice invoice, DateTimeOffset at)
    {
        invoice.Now = at;
        await host.Client.RaiseEventAsync(id, BusinessTimer.ClockEvent, at);
    }

    private static Task WaitForNextAsync(DurableTaskTestHost host, string id, DateTimeOffset next) =>
        WaitForStatusAsync(host, id, p => p.NextAt == next, $"the instance never waited for {next:o}");

    private static Task WaitForClockAsync(DurableTaskTestHost host, string id, DateTimeOffset clock) =>
        WaitForStatusAsync(host, id, p => p.Clock >= clock, $"the instance never saw {clock:o}");

    private static async Task WaitForStatusAsync(DurableTaskTestHost host, string id, Func<DunningProgress, bool> condition, string failure)
    {
        DunningProgress? last = null;
        await Eventually(
            async () =>
            {
                OrchestrationMetadata? instance = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
                last = instance?.ReadCustomStatusAs<DunningProgress>();
                return last is not null && condition(last);
            },
            () => $"{failure}; its status: {last}");
    }

    private static async Task<OrchestrationMetadata> CompletedAsync(DurableTaskTestHost host, string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }

    private static Task Eventually(Func<bool> condition, string failure) => Eventually(() => Task.FromResult(condition()), () => failure);

    /// <summary>Polls <paramref name="condition"/> every 50 ms for up to 60 s.</summary>
    private static async Task Eventually(Func<Task<bool>> condition, Func<string> failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure());
            await Task.Delay(50);
        }
    }
}
