using System.Text.Json.Nodes;
using Billing.Domain.Payments;
using Billing.Domain.Tests.Properties.Generation;
using Billing.Workflows.Scenarios;
using FsCheck;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Properties;

/// <summary>
/// More usage never costs less, under prices that never fall with quantity. Why the rules keep this:
/// <list type="bullet">
/// <item>Price models: per-unit, graduated (non-negative tier prices), package and flat are non-decreasing
/// in quantity. Volume is not in general (20 each up to 10, then 15 each: 11 units cost less than 10), which
/// the rules intend, so the generator gives volume tiers non-decreasing unit prices here.</item>
/// <item>Deduction: each event takes greedily from its sources in a fixed order; what every pack and quota
/// grant keeps after an event is max(0, min(balance, balances before it in the order − quantity)), which
/// is non-decreasing in the starting balances and non-increasing in the quantity. So a larger event leaves
/// every later event pointwise smaller balances, later events take no more in total, and the event itself
/// takes at most its increase: each period's billable quantity can only rise. Carry-over moves a balance
/// that is itself monotone, so it keeps this.</item>
/// <item>Invoice bottom: subtotal − discount = max(0, subtotal × (1 − percent) − amountOff) rounded on the
/// currency's grid, non-decreasing in the subtotal (percent coupons are capped by the subtotal); tax is a
/// non-negative rate of it.</item>
/// <item>Late lines are round(price(billed + late)) − round(price(billed)): a larger on-time quantity in the
/// settled period raises billed and can shrink that delta on the next invoice. Their sum over invoices
/// telescopes to round(price(final quantity)), so only the sum of totals is monotone then; the per-invoice
/// property is checked for invoices that hold no late line.</item>
/// <item>Tax is rounded per invoice, so value a raise moves from a late line into the period's own invoice is taxed
/// as two other amounts: the sum of the rounded taxes can come out one minor unit lower for each invoice whose amount
/// fell (found by this property: 23.95 + 10.59 taxed at 7.25 % round to 1.74 + 0.77, while 27.44 + 7.10 round to
/// 1.99 + 0.51). The sum of totals is checked with that allowance and no more.</item>
/// </list>
/// </summary>
public sealed class MonotonicityProperties
{
    private static readonly Dictionary<string, string> QuantityProperty = new(StringComparer.Ordinal)
    {
        ["calls"] = "quantity", ["gb"] = "gb", ["qps"] = "qps",
    };

    [Property(Arbitrary = new[] { typeof(MonotoneScenarios) }, MaxTest = ScenarioArbitraries.Cases)]
    public void Raising_one_events_quantity_never_lowers_the_sum_of_invoice_totals(GeneratedScenario scenario, NonNegativeInt pick, PositiveInt amount, bool cents) =>
        SumOfTotalsNeverFalls(scenario, pick.Get, amount.Get, cents);

    /// <summary>The case that found the per-invoice tax rounding: a late line's 3.49 moved into February's invoice taxes one cent less.</summary>
    [Property(Arbitrary = new[] { typeof(MonotoneScenarios) }, MaxTest = 1, Replay = "(2477854350549643168,2840325603233597269,99)")]
    public void Raising_one_events_quantity_lowers_the_sum_of_totals_by_no_more_than_per_invoice_tax_rounding(GeneratedScenario scenario, NonNegativeInt pick, PositiveInt amount, bool cents) =>
        SumOfTotalsNeverFalls(scenario, pick.Get, amount.Get, cents);

    private static void SumOfTotalsNeverFalls(GeneratedScenario scenario, int pick, int amount, bool cents)
    {
        if (Raise(scenario, pick, amount, cents) is not var (raised, what))
        {
            return;
        }

        var before = ScenarioRun.Execute(scenario.ToJson()).Outcome.Invoices.ToDictionary(Key, r => r.Invoice.Totals);
        var after = ScenarioRun.Execute(raised.ToJson()).Outcome.Invoices.ToDictionary(Key, r => r.Invoice.Totals);
        var (sumBefore, sumAfter) = (before.Values.Sum(t => t.Total), after.Values.Sum(t => t.Total));

        // One minor unit of the currency per invoice whose taxed amount fell: per-invoice tax rounding, nothing else.
        var minorUnit = 1m / (decimal)Math.Pow(10, Money.Currency.TryOf(scenario.CurrencyCode)?.MinorUnits ?? 2);
        var fell = before.Count(b => after.TryGetValue(b.Key, out var a) && a.Subtotal - a.Discount < b.Value.Subtotal - b.Value.Discount);
        Assert.True(sumAfter >= sumBefore - (minorUnit * fell), $"{what} lowered the sum of totals from {sumBefore} to {sumAfter} ({fell} invoices fell)");
    }

    [Property(Arbitrary = new[] { typeof(MonotoneScenarios) }, MaxTest = ScenarioArbitraries.Cases)]
    public void Raising_one_events_quantity_never_lowers_the_total_of_an_invoice_without_late_lines(GeneratedScenario scenario, NonNegativeInt pick, PositiveInt amount, bool cents)
    {
        if (Raise(scenario, pick.Get, amount.Get, cents) is not var (raised, what))
        {
            return;
        }

        var before = ScenarioRun.Execute(scenario.ToJson()).Outcome.Invoices.ToDictionary(Key);
        var after = ScenarioRun.Execute(raised.ToJson()).Outcome.Invoices.ToDictionary(Key);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, old) in before)
        {
            var now = after[key];
            var hasLateLine = old.Invoice.Lines.Concat(now.Invoice.Lines).Any(l => l.Code.Contains('@', StringComparison.Ordinal));
            Assert.True(hasLateLine || now.Invoice.Totals.Total >= old.Invoice.Totals.Total,
                $"{what} lowered invoice {key} from {old.Invoice.Totals.Total} to {now.Invoice.Totals.Total}");
        }
    }

    /// <summary>
    /// The scenario with one event of a sum or max meter (the <paramref name="pick"/>th, wrapping) raised by 1 to 1,999
    /// whole units or hundredths, or null when it has none.
    /// </summary>
    private static (GeneratedScenario Raised, string What)? Raise(GeneratedScenario scenario, int pick, int amount, bool cents)
    {
        var candidates = scenario.Events
            .Select(e => e!.AsObject())
            .Where(e => QuantityProperty.ContainsKey((string)e["meter"]!) && e["properties"] is JsonObject)
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var chosen = candidates[pick % candidates.Count];
        var id = (string)chosen["id"]!;
        var increase = ((amount % 1999) + 1) / (cents ? 100m : 1m);
        var raised = scenario.WithQuantityRaised(id, QuantityProperty[(string)chosen["meter"]!], increase);
        return (raised, $"raising event {id} by {increase}");
    }

    private static string Key(Receivable receivable) => receivable.Invoice.Customer + "|" + receivable.Invoice.Key;
}
