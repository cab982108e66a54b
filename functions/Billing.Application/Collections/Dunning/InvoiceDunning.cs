using System.Text.Json;
using Microsoft.DurableTask;

namespace Billing.Application.Collections.Dunning;

/// <summary>
/// The dunning of one unpaid usage invoice as a Durable orchestration: instance <see cref="InstanceId"/>
/// (<c>dunning/{customer}/{period}</c>), started with dedupe on every status once the invoice is issued unpaid, so a
/// second start is a no-op. One instance per invoice, not per settlement cycle and ladder: each invoice has its own issue
/// and due instants, its own payments and payment plan, so its own ladder instants; an instance per invoice waits for
/// exactly those, and a payment or a plan is an event for exactly one instance. History is cut at each handled instant by
/// continue-as-new, so an instance's storage stays a few rows however long the invoice stays unpaid. The settlement that
/// issues the invoice starts the instance with its first instant (<see cref="InvoiceDunningInput.Next"/>), so starting it
/// reads nothing and runs no activity: one episode that sets a durable timer. The price, measured by the settlement cycle
/// benchmark (docs/benchmarks.md, "Dunning started with its first instant"): about 10 storage requests per invoice on the
/// Azure Storage provider (instance insert and update, two instance reads, the start and timer messages with their
/// receive and delete, a history read and write), 29-30 per invoice in all with settlement's 19-20 (the email's
/// send-once claim included), against a target of 20. A per-cycle ladder instance would spread those 10 over a cycle's invoices, but every payment, plan and step of
/// any of its invoices would then load and rewrite an instance holding all of them, and its invoices would share one
/// failure and one history.
/// <para>
/// The loop: <see cref="NextInstantActivity"/> answers the next business instant that matters after the handled one (the
/// first episode takes it from the input, where the settlement that issued the invoice put it), or
/// that the dunning is over (paid, or the invoice not found: the instance completes with an
/// <see cref="InvoiceDunningSummary"/>), or that the ladder has run and the invoice is unpaid: then the instance stays
/// running, with no timer, waiting for <see cref="PaidEvent"/> or <see cref="PlanAgreedEvent"/> (its custom status says
/// it awaits payment), and re-evaluates on either: a payment ends it, a plan's installments give new instants. The custom status becomes a <see cref="DunningProgress"/>; the instance waits on
/// a <see cref="BusinessTimer"/> for that instant, racing the events <see cref="PaidEvent"/> and
/// <see cref="PlanAgreedEvent"/> (either only re-evaluates the next instant). When the timer wins,
/// <see cref="CollectStepActivity"/> settles and collects the customer at the business instant reached: the engine's
/// replay decides what the step does (nothing when paid or held by a plan), so outcomes equal <c>scenario run</c>. The
/// instant handled is then the earlier of the instant waited for and the instant collected at: a timer fired early
/// (Azure Storage fires up to a second before) collected before the step was due, so the same instant is answered
/// again and waited for once more. Each handled instant continues as new, carrying the state and unprocessed events.
/// </para>
/// Deterministic: time only from the context or the clock events, ids from the input, I/O only in the activities.
/// </summary>
public static class InvoiceDunning
{
    public const string Name = "Dunning";
    public const string NextInstantActivity = "NextDunningInstant";
    public const string CollectStepActivity = "CollectDunningStep";
    public const string PaidEvent = "paid";
    public const string PlanAgreedEvent = "plan-agreed";

    /// <summary>The prefix of every dunning instance id.</summary>
    public const string InstancePrefix = "dunning/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The instance id of the dunning of <paramref name="customer"/>'s usage invoice for <paramref name="period"/>: <c>dunning/acme/2026-01</c>.</summary>
    public static string InstanceId(string customer, string period) => InstancePrefix + customer + "/" + period;

    public static async Task<InvoiceDunningSummary?> RunAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Read as raw JSON: the Functions worker and the local host type an orchestration function's input only here.
        var input = context.GetInput<JsonElement>().Deserialize<InvoiceDunningInput>(Json) ?? throw new InvalidOperationException("A dunning instance needs its input.");
        var clock = input.SimulatedClock ? input.Clock : Later(input.Clock, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));

        var next = input.Next ?? await context.CallActivityAsync<DunningInstant>(NextInstantActivity, new DunningInstantRequest(input.Customer, input.Period, input.HandledUntil));
        if (next.NextAt is not { } nextAt)
        {
            if (next.AwaitingPayment)
            {
                await AwaitPaymentAsync(context, input, clock);
                return null;
            }

            context.SetCustomStatus(new DunningProgress(null, clock));
            return new InvoiceDunningSummary(input.Customer, input.Period, next.Paid, input.HandledUntil);
        }

        context.SetCustomStatus(new DunningProgress(nextAt, clock));
        using var cancel = new CancellationTokenSource();
        var timer = BusinessTimer.WaitAsync(context, input.SimulatedClock, nextAt, clock, reached =>
        {
            clock = reached;
            context.SetCustomStatus(new DunningProgress(nextAt, clock));
        }, cancel.Token);
        var paid = context.WaitForExternalEvent<string?>(PaidEvent, cancel.Token);
        var planAgreed = context.WaitForExternalEvent<string?>(PlanAgreedEvent, cancel.Token);
        var first = await Task.WhenAny(timer, paid, planAgreed);
        cancel.Cancel();
        if (first != timer)
        {
            context.ContinueAsNew(input with { Clock = clock, Next = null }, preserveUnprocessedEvents: true);
            return null;
        }

        clock = Later(clock, await timer);
        var collected = await context.CallActivityAsync<DunningStepCollected>(CollectStepActivity, new DunningStepRequest(input.Customer, input.Period));
        var handled = collected.At < nextAt ? collected.At : nextAt;
        if (collected.Paid)
        {
            context.SetCustomStatus(new DunningProgress(null, clock));
            return new InvoiceDunningSummary(input.Customer, input.Period, true, handled);
        }

        context.ContinueAsNew(input with { HandledUntil = handled, Clock = clock, Next = null }, preserveUnprocessedEvents: true);
        return null;
    }

    /// <summary>
    /// The ladder has run and the invoice is unpaid: waits, with no timer, for <see cref="PaidEvent"/> or
    /// <see cref="PlanAgreedEvent"/>, then continues as new to re-evaluate (a payment ends the dunning, a plan's
    /// installments give new instants).
    /// </summary>
    private static async Task AwaitPaymentAsync(TaskOrchestrationContext context, InvoiceDunningInput input, DateTimeOffset clock)
    {
        context.SetCustomStatus(new DunningProgress(null, clock, AwaitingPayment: true));
        using var cancel = new CancellationTokenSource();
        var paid = context.WaitForExternalEvent<string?>(PaidEvent, cancel.Token);
        var planAgreed = context.WaitForExternalEvent<string?>(PlanAgreedEvent, cancel.Token);
        await Task.WhenAny(paid, planAgreed);
        cancel.Cancel();
        context.ContinueAsNew(input with { Clock = clock, Next = null }, preserveUnprocessedEvents: true);
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
