using Billing.Domain.Tests.Support;
using static Billing.Domain.Tests.Support.ScenarioParts;

namespace Billing.Domain.Tests.Rules;

/// <summary>
/// Payments: with a period, to that period's usage invoice (all to credit when it is not issued yet or
/// already paid); without, oldest open invoices first, prepaid included. A surplus becomes credit, applied
/// to the next invoice issued. Plan: flat 100.00 a month, January issued 2026-02-01T02:00Z.
/// </summary>
public sealed class PaymentTests
{
    [Fact]
    public void A_partial_payment_leaves_the_invoice_open()
    {
        var outcome = Monthly("2026-02-20T00:00:00Z").Payment("pay", "acme", "2026-02-10T00:00:00Z", "40.00", "2026-01").Run();

        var january = outcome.Usage("acme", "2026-01");
        Assert.Equal(40.00m, january.Paid);
        Assert.Equal("open", january.Status);
        Assert.Empty(outcome.Credit);
    }

    [Fact]
    public void An_overpayment_becomes_credit_applied_to_the_next_invoice()
    {
        var outcome = Monthly("2026-03-05T00:00:00Z").Payment("pay", "acme", "2026-02-10T00:00:00Z", "150.00", "2026-01").Run();

        Assert.Equal((100.00m, "paid"), (outcome.Usage("acme", "2026-01").Paid, outcome.Usage("acme", "2026-01").Status));
        Assert.Equal((50.00m, "open"), (outcome.Usage("acme", "2026-02").Paid, outcome.Usage("acme", "2026-02").Status));
        Assert.Empty(outcome.Credit);
    }

    [Fact]
    public void Credit_left_at_the_end_is_reported()
    {
        var outcome = Monthly("2026-02-20T00:00:00Z").Payment("pay", "acme", "2026-02-10T00:00:00Z", "150.00", "2026-01").Run();

        Assert.Equal(50.00m, outcome.CreditOf("acme"));
    }

    [Fact]
    public void Credit_is_applied_to_the_next_invoice_even_a_prepaid_one()
    {
        var outcome = Monthly("2026-03-05T00:00:00Z", Pack("p1", "api_calls", "100", "2026-02-15T00:00:00Z", "2026-06-01T00:00:00Z", price: "30.00"))
            .Payment("pay", "acme", "2026-02-10T00:00:00Z", "150.00", "2026-01")
            .Run();

        var prepaid = Assert.Single(outcome.PrepaidInvoices("acme"));
        Assert.Equal((30.00m, "paid"), (prepaid.Paid, prepaid.Status));
        Assert.Equal((20.00m, "open"), (outcome.Usage("acme", "2026-02").Paid, outcome.Usage("acme", "2026-02").Status));
    }

    [Fact]
    public void A_payment_for_a_period_not_yet_invoiced_goes_wholly_to_credit()
    {
        var outcome = Monthly("2026-03-05T00:00:00Z").Payment("pay", "acme", "2026-02-10T00:00:00Z", "100.00", "2026-02").Run();

        Assert.Equal((0m, "open"), (outcome.Usage("acme", "2026-01").Paid, outcome.Usage("acme", "2026-01").Status));
        Assert.Equal((100.00m, "paid"), (outcome.Usage("acme", "2026-02").Paid, outcome.Usage("acme", "2026-02").Status));
    }

    [Fact]
    public void A_payment_for_an_already_paid_period_goes_wholly_to_credit()
    {
        var outcome = Monthly("2026-02-20T00:00:00Z")
            .Payment("first", "acme", "2026-02-05T00:00:00Z", "100.00", "2026-01")
            .Payment("again", "acme", "2026-02-06T00:00:00Z", "100.00", "2026-01")
            .Run();

        Assert.Equal(100.00m, outcome.Usage("acme", "2026-01").Paid);
        Assert.Equal(100.00m, outcome.CreditOf("acme"));
    }

    [Fact]
    public void A_payment_without_period_pays_the_oldest_open_invoices_first_prepaid_included()
    {
        var outcome = Monthly("2026-02-20T00:00:00Z", Pack("p1", "api_calls", "100", "2026-01-05T00:00:00Z", "2026-06-01T00:00:00Z", price: "30.00"))
            .Payment("pay", "acme", "2026-02-10T00:00:00Z", "50.00")
            .Run();

        Assert.Equal((30.00m, "paid"), (outcome.PrepaidInvoices("acme")[0].Paid, outcome.PrepaidInvoices("acme")[0].Status));
        Assert.Equal((20.00m, "open"), (outcome.Usage("acme", "2026-01").Paid, outcome.Usage("acme", "2026-01").Status));
    }

    [Fact]
    public void An_invoice_with_a_total_of_0_is_paid_when_issued_and_runs_no_dunning()
    {
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z")
            .Meter("api_calls")
            .Plan("std", [PerUnit("calls", "api_calls", "1.00")])
            .Customer("acme", "std")
            .Run();

        Assert.Equal((0m, "paid"), (outcome.Usage("acme", "2026-01").Total, outcome.Usage("acme", "2026-01").Status));
        Assert.Empty(outcome.TimelineOf("acme"));
    }

    internal static ScenarioBuilder Monthly(string end, params System.Text.Json.Nodes.JsonObject[] packs) =>
        ScenarioBuilder.Window("2026-01-01T00:00:00Z", end)
            .Meter("api_calls")
            .Plan("std", [Flat("platform", "100.00")])
            .Customer("acme", "std", packs.Length == 0 ? null : new() { ["packs"] = Array(packs) });
}
