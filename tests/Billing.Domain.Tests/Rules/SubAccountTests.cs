using Billing.Domain.Tests.Support;
using static Billing.Domain.Tests.Support.ScenarioParts;

namespace Billing.Domain.Tests.Rules;

/// <summary>
/// Sub-accounts: a pooled child's usage is the parent's; a separate child is rated on its own plan and
/// its lines (<c>child/charge</c>) join the parent's invoice, under the parent's coupons and tax; an
/// independent child is an ordinary customer. A pooled or separate child's payments are the parent's.
/// </summary>
public sealed class SubAccountTests
{
    [Fact]
    public void Pooled_separate_and_independent_children_are_invoiced_as_the_rules_say()
    {
        var outcome = Family().Run();

        // hq: calls 80 + dev's 40 = 120 -> 100 + 20 x 0.50 = 110.00; platform 10.00;
        // ops on its own plan: 300 - 100 free = 200 x 0.10 = 20.00, flat 5.00.
        // Subtotal 145.00; hq's 10 % coupon 14.50; hq's tax 10 % of 130.50 = 13.05; total 143.55.
        var hq = outcome.Usage("hq", "2026-01");
        Assert.Equal(
            new[] { new OutcomeLine("calls", 120m, 110.00m), new OutcomeLine("ops/calls", 200m, 20.00m), new OutcomeLine("ops/platform", 1m, 5.00m), new OutcomeLine("platform", 1m, 10.00m) },
            hq.Lines.OrderBy(l => l.Code, StringComparer.Ordinal));
        Assert.Equal((145.00m, 14.50m, 13.05m, 143.55m), (hq.Subtotal, hq.Discount, hq.Tax, hq.Total));

        Assert.DoesNotContain(outcome.Invoices, i => i.Customer is "dev" or "ops");

        // lab: its own invoice, no coupon and no tax of its parent: 30 x 1.00 + 10.00.
        var lab = outcome.Usage("lab", "2026-01");
        Assert.Equal((40.00m, 0m, 0m, 40.00m), (lab.Subtotal, lab.Discount, lab.Tax, lab.Total));
    }

    [Fact]
    public void A_payment_by_a_pooled_or_separate_child_settles_the_parents_invoice()
    {
        var outcome = Family()
            .Payment("by-dev", "dev", "2026-02-10T00:00:00Z", "100.00")
            .Payment("by-ops", "ops", "2026-02-11T00:00:00Z", "43.55")
            .Run();

        var hq = outcome.Usage("hq", "2026-01");
        Assert.Equal(143.55m, hq.Paid);
        Assert.True(hq.IsPaid);
    }

    [Fact]
    public void A_separate_childs_pack_is_invoiced_to_the_parent_and_serves_only_the_child()
    {
        var outcome = Family(opsPacks: Array(Pack("p1", "api_calls", "150", "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z", price: "20.00"))).Run();

        // The pack is taken before ops' free quota: 300 - 150 - 100 = 50 billable.
        var prepaid = Assert.Single(outcome.PrepaidInvoices("hq"));
        Assert.Equal(new OutcomeLine("ops/p1", 1m, 20.00m), Assert.Single(prepaid.Lines));
        Assert.Equal((2.00m, 22.00m), (prepaid.Tax, prepaid.Total));
        var hq = outcome.Usage("hq", "2026-01");
        Assert.Equal(50m, hq.Line("ops/calls").Quantity);
        Assert.Equal(120m, hq.Line("calls").Quantity);
        Assert.Equal(0m, outcome.PackRemaining("ops", "p1"));
    }

    [Fact]
    public void A_pooled_childs_pack_joins_the_parents_packs()
    {
        var outcome = Family(devPacks: Array(Pack("d1", "api_calls", "50", "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z"))).Run();

        // 120 pooled usage - 50 from dev's pack = 70 -> 70.00.
        Assert.Equal(new OutcomeLine("calls", 70m, 70.00m), outcome.Usage("hq", "2026-01").Line("calls"));
        Assert.DoesNotContain(outcome.Invoices, i => i.Customer == "dev");
    }

    [Fact]
    public void A_separate_childs_late_usage_is_a_prefixed_late_line_on_the_parents_invoice()
    {
        var outcome = Family(end: "2026-03-01T03:00:00Z")
            .Event("ops-late", "ops", "api_calls", "2026-01-30T00:00:00Z", "30", receivedAt: "2026-02-03T00:00:00Z")
            .Run();

        // ops billed 200 in January; 30 more late, no quota: 30 x 0.10 = 3.00.
        Assert.Equal(new OutcomeLine("ops/calls@2026-01", 30m, 3.00m), outcome.Usage("hq", "2026-02").Line("ops/calls@2026-01"));
    }

    private static ScenarioBuilder Family(
        System.Text.Json.Nodes.JsonArray? devPacks = null,
        System.Text.Json.Nodes.JsonArray? opsPacks = null,
        string end = "2026-02-20T00:00:00Z") =>
        ScenarioBuilder.Window("2026-01-01T00:00:00Z", end)
            .Meter("api_calls")
            .Plan("std", [Graduated("calls", "api_calls", "100:1.00", "*:0.50"), Flat("platform", "10.00")])
            .Plan("ops-plan", [PerUnit("calls", "api_calls", "0.10"), Flat("platform", "5.00")], extra: FreeQuota("api_calls", "100"))
            .Plan("lab-plan", [PerUnit("calls", "api_calls", "1.00"), Flat("platform", "10.00")])
            .Customer("hq", "std", new() { ["taxRate"] = "0.10", ["coupons"] = Array(PercentCoupon("TENOFF", "10")) })
            .Customer("dev", "std", new() { ["parent"] = "hq", ["childBilling"] = "pooled", ["taxRate"] = "0.50", ["packs"] = devPacks?.DeepClone() })
            .Customer("ops", "ops-plan", new() { ["parent"] = "hq", ["childBilling"] = "separate", ["taxRate"] = "0.50", ["packs"] = opsPacks?.DeepClone() })
            .Customer("lab", "lab-plan", new() { ["parent"] = "hq", ["childBilling"] = "independent" })
            .Event("h1", "hq", "api_calls", "2026-01-05T00:00:00Z", "80")
            .Event("d1", "dev", "api_calls", "2026-01-06T00:00:00Z", "40")
            .Event("o1", "ops", "api_calls", "2026-01-07T00:00:00Z", "300")
            .Event("l1", "lab", "api_calls", "2026-01-08T00:00:00Z", "30");
}
