using Billing.Domain.Tests.Support;
using static Billing.Domain.Tests.Support.ScenarioParts;

namespace Billing.Domain.Tests.Rules;

/// <summary>
/// Dunning: each unpaid usage invoice runs the policy's steps at dueAt + afterDueDays × 24 h; payment in
/// full cancels the rest and restores service unless another unpaid invoice has run throttle or suspend.
/// Plan: flat 100.00 a month, 30 days' terms; January is issued 2026-02-01T02:00Z, due 2026-03-03T02:00Z;
/// February is issued 2026-03-01T02:00Z, due 2026-03-31T02:00Z.
/// </summary>
public sealed class DunningTests
{
    private static readonly string[] JanuaryLadder =
    [
        "2026-02-28T02:00:00Z remind 2026-01",
        "2026-03-03T02:00:00Z remind 2026-01",
        "2026-03-10T02:00:00Z throttle 2026-01",
        "2026-03-17T02:00:00Z backup 2026-01",
        "2026-03-17T02:00:00Z suspend 2026-01",
    ];

    [Fact]
    public void An_unpaid_invoice_runs_the_default_ladder_with_backup_before_suspend()
    {
        var outcome = PaymentTests.Monthly("2026-03-20T00:00:00Z").Run();

        Assert.Equal(JanuaryLadder, outcome.TimelineOf("acme"));
    }

    [Fact]
    public void A_partial_payment_does_not_stop_the_ladder()
    {
        var outcome = PaymentTests.Monthly("2026-03-20T00:00:00Z").Payment("part", "acme", "2026-03-05T00:00:00Z", "99.99", "2026-01").Run();

        Assert.Equal(JanuaryLadder, outcome.TimelineOf("acme"));
    }

    [Fact]
    public void Payment_in_full_cancels_the_steps_not_yet_run_without_restore_when_never_restricted()
    {
        var outcome = PaymentTests.Monthly("2026-03-20T00:00:00Z").Payment("full", "acme", "2026-03-05T00:00:00Z", "100.00", "2026-01").Run();

        Assert.Equal(JanuaryLadder[..2], outcome.TimelineOf("acme"));
    }

    [Fact]
    public void Payment_in_full_after_throttle_restores()
    {
        var outcome = PaymentTests.Monthly("2026-03-20T00:00:00Z").Payment("full", "acme", "2026-03-12T00:00:00Z", "100.00", "2026-01").Run();

        Assert.Equal([.. JanuaryLadder[..3], "2026-03-12T00:00:00Z restore 2026-01"], outcome.TimelineOf("acme"));
    }

    [Theory]
    [InlineData("2026-03-03T02:00:00Z", 1)]   // at the due-day reminder: payment first, only the earlier reminder ran
    [InlineData("2026-03-10T02:00:00Z", 2)]   // at the throttle: payment first, no throttle and so no restore
    public void A_payment_at_the_same_instant_as_a_step_comes_first(string paidAt, int stepsRun)
    {
        var outcome = PaymentTests.Monthly("2026-03-20T00:00:00Z").Payment("full", "acme", paidAt, "100.00", "2026-01").Run();

        Assert.Equal(JanuaryLadder[..stepsRun], outcome.TimelineOf("acme"));
    }

    [Fact]
    public void A_step_due_before_the_invoice_exists_runs_when_it_is_issued()
    {
        // 2 days' terms: due 2026-02-03T02:00Z, so the -3 day reminder (Jan 31) runs at issue, Feb 1 02:00.
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-02-20T00:00:00Z")
            .Meter("api_calls")
            .Plan("std", [Flat("platform", "100.00")], paymentTermsDays: 2)
            .Customer("acme", "std")
            .Run();

        Assert.Equal(
            [
                "2026-02-01T02:00:00Z remind 2026-01",
                "2026-02-03T02:00:00Z remind 2026-01",
                "2026-02-10T02:00:00Z throttle 2026-01",
                "2026-02-17T02:00:00Z backup 2026-01",
                "2026-02-17T02:00:00Z suspend 2026-01",
            ],
            outcome.TimelineOf("acme"));
    }

    [Fact]
    public void A_payment_at_the_issue_instant_comes_before_steps_due_then()
    {
        var outcome = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-02-20T00:00:00Z")
            .Meter("api_calls")
            .Plan("std", [Flat("platform", "100.00")], paymentTermsDays: 0)
            .Customer("acme", "std")
            .Payment("at-issue", "acme", "2026-02-01T02:00:00Z", "100.00")
            .Run();

        Assert.Empty(outcome.TimelineOf("acme"));
        Assert.True(outcome.Usage("acme", "2026-01").IsPaid);
    }

    [Fact]
    public void No_restore_while_another_unpaid_invoice_has_run_throttle()
    {
        // February's invoice is throttled on Apr 7; paying January on Apr 10 restores nothing, paying February does.
        var outcome = PaymentTests.Monthly("2026-04-15T00:00:00Z")
            .Payment("jan", "acme", "2026-04-10T00:00:00Z", "100.00", "2026-01")
            .Payment("feb", "acme", "2026-04-12T00:00:00Z", "100.00", "2026-02")
            .Run();

        Assert.Contains("2026-04-07T02:00:00Z throttle 2026-02", outcome.TimelineOf("acme"));
        Assert.Equal(["2026-04-12T00:00:00Z restore 2026-02"], Restores(outcome));
    }

    [Fact]
    public void Restore_when_the_other_unpaid_invoice_has_only_been_reminded()
    {
        // On Apr 2 February's invoice has run its two reminders (Mar 28, Mar 31) but not its throttle (Apr 7).
        var outcome = PaymentTests.Monthly("2026-04-05T00:00:00Z")
            .Payment("jan", "acme", "2026-04-02T00:00:00Z", "100.00", "2026-01")
            .Run();

        Assert.Equal(["2026-04-02T00:00:00Z restore 2026-01"], Restores(outcome));
    }

    [Fact]
    public void One_payment_settling_both_restricted_invoices_restores_once()
    {
        var outcome = PaymentTests.Monthly("2026-04-15T00:00:00Z").Payment("both", "acme", "2026-04-10T00:00:00Z", "200.00").Run();

        Assert.Single(Restores(outcome), e => e.StartsWith("2026-04-10T00:00:00Z restore", StringComparison.Ordinal));
    }

    [Fact]
    public void The_scenarios_own_policy_replaces_the_default()
    {
        var outcome = PaymentTests.Monthly("2026-03-20T00:00:00Z")
            .With("dunning", ScenarioParts.Dunning((0, "remind"), (5, "suspend")))
            .Run();

        Assert.Equal(["2026-03-03T02:00:00Z remind 2026-01", "2026-03-08T02:00:00Z suspend 2026-01"], outcome.TimelineOf("acme"));
    }

    private static List<string> Restores(ScenarioOutcome outcome) =>
        outcome.TimelineOf("acme").Where(e => e.Contains(" restore", StringComparison.Ordinal)).ToList();
}
