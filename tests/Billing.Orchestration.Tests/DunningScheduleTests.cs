using Billing.Application.Collections.Dunning;
using Billing.Domain.Dunning;
using Billing.Domain.Payments;
using Billing.Storage.Invoicing;

namespace Billing.Orchestration.Tests;

/// <summary>
/// The next instant that matters for one period's usage invoice: the ladder's steps from its issue and due instants
/// (never before issue), the installments of the period's plans and the steps counted from each, only after the handled
/// instant; nothing when there is no invoice, the invoice is paid, or no ladder applies; awaiting payment when nothing
/// is left ahead of an unpaid invoice.
/// </summary>
public sealed class DunningScheduleTests
{
    private static readonly DateTimeOffset Issued = new(2026, 2, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = Issued.AddDays(14);
    private static readonly DunningPolicy Ladder = new([new DunningStep(-3, DunningAction.Remind), new DunningStep(0, DunningAction.Remind), new DunningStep(7, DunningAction.Throttle)]);

    [Fact]
    public void Before_any_instant_is_handled_the_first_ladder_step_is_next()
    {
        Assert.Equal(new DunningInstant(Due.AddDays(-3), false), DunningSchedule.Next([Invoice("open")], Ladder, [], null));
    }

    [Fact]
    public void Only_instants_after_the_handled_one_count_and_a_step_before_issue_falls_on_the_issue()
    {
        var issuedLate = Invoice("open") with { IssuedAt = Due.AddDays(-1) };

        Assert.Equal(new DunningInstant(Due.AddDays(-1), false), DunningSchedule.Next([issuedLate], Ladder, [], null));
        Assert.Equal(new DunningInstant(Due, false), DunningSchedule.Next([issuedLate], Ladder, [], Due.AddDays(-1)));
        Assert.Equal(new DunningInstant(Due.AddDays(7), false), DunningSchedule.Next([issuedLate], Ladder, [], Due));
    }

    [Fact]
    public void A_plan_s_installment_and_the_steps_counted_from_it_are_instants_that_matter()
    {
        var installment = Due.AddDays(20);
        var plan = new PaymentPlan("acme", "2026-01", Issued, [new Installment(10m, installment)]);

        Assert.Equal(new DunningInstant(installment.AddDays(-3), false), DunningSchedule.Next([Invoice("open")], Ladder, [plan], Due.AddDays(7)));
        Assert.Equal(new DunningInstant(installment, false), DunningSchedule.Next([Invoice("open")], Ladder, [plan], installment.AddDays(-3)));
        Assert.Equal(new DunningInstant(installment.AddDays(7), false), DunningSchedule.Next([Invoice("open")], Ladder, [plan], installment));
    }

    [Fact]
    public void An_unpaid_invoice_with_nothing_ahead_awaits_payment()
    {
        Assert.Equal(new DunningInstant(null, false, AwaitingPayment: true), DunningSchedule.Next([Invoice("overdue")], Ladder, [], Due.AddDays(7)));
    }

    [Fact]
    public void A_paid_invoice_no_invoice_or_no_ladder_has_nothing_to_dun()
    {
        Assert.Equal(new DunningInstant(null, true), DunningSchedule.Next([Invoice("paid")], Ladder, [], null));
        Assert.Equal(new DunningInstant(null, false), DunningSchedule.Next([], Ladder, [], null));
        Assert.Equal(new DunningInstant(null, false), DunningSchedule.Next([Invoice("open")], null, [], null));
    }

    private static StoredInvoice Invoice(string status) =>
        new("acme", "usage/2026-01", "INV-000001", "usage", "2026-01", Issued, Due, "USD", 100m, status == "paid" ? 100m : 0m, status, "{}");
}
