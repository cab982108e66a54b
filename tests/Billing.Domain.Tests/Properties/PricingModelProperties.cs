using System.Globalization;
using System.Text.Json.Nodes;
using Billing.Domain.Catalog;
using Billing.Domain.Pricing;
using Billing.Domain.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Properties;

/// <summary>
/// Generated properties of the pricing models: graduated tier flat amounts add up over the tiers entered; a
/// percentage charge does not depend on the order events arrive in; a <c>latest</c> meter ignores every event
/// but the period's last.
/// </summary>
public sealed class PricingModelProperties
{
    /// <summary>
    /// Tiers with whole bounds (the last open), prices of up to 4 decimals, flat amounts of 2, and a quantity: often 0
    /// or exactly a tier's bound (the edges), otherwise anywhere up to a little above the last bound.
    /// </summary>
    private static readonly Gen<(Tier[] Tiers, decimal Quantity)> TiersAndQuantity =
        from count in Gen.Choose(1, 4)
        from steps in Gen.Choose(1, 500).ArrayOf(count)
        from prices in Gen.Choose(0, 50_000).ArrayOf(count)
        from flats in Gen.Choose(0, 100_000).ArrayOf(count)
        from pick in Gen.Choose(0, count + 2)
        from quantityCents in Gen.Choose(0, (steps.Sum() + 100) * 100)
        select (Tiers(steps, prices, flats), pick == 0 ? 0m : pick < count ? steps.Take(pick).Sum() : quantityCents / 100m);

    [Property(MaxTest = 500)]
    public Property Graduated_with_flat_amounts_is_the_unit_priced_slices_plus_the_flat_amount_of_every_tier_entered_and_the_sum_of_its_slices() =>
        Prop.ForAll(TiersAndQuantity.ToArbitrary(), sample =>
        {
            var (tiers, quantity) = sample;
            var withoutFlats = tiers.Select(t => t with { FlatAmount = 0m }).ToArray();
            var entered = tiers.Where((tier, i) => i == 0 || quantity > tiers[i - 1].UpTo).Sum(t => t.FlatAmount);

            var price = new GraduatedPrice(tiers);

            return price.PriceOf(quantity) == new GraduatedPrice(withoutFlats).PriceOf(quantity) + entered
                && price.PriceOf(quantity) == price.Slices(quantity).Sum(slice => slice.Amount);
        });

    /// <summary>1 to 8 payments at a few January instants (ties likely), amounts up to 1,000.00, and an arrival order.</summary>
    private static readonly Gen<(Payment[] Payments, int[] Arrival, int FreeEvents, int FreeQuota)> PaymentsInSomeOrder =
        from count in Gen.Choose(1, 8)
        from days in Gen.Choose(2, 4).ArrayOf(count)
        from cents in Gen.Choose(0, 100_000).ArrayOf(count)
        from idKeys in Gen.Choose(0, 1_000_000).ArrayOf(count)
        from arrival in Gen.Shuffle(Enumerable.Range(0, count).ToArray())
        from freeEvents in Gen.Choose(0, 3)
        from freeQuota in Gen.Choose(0, 500)
        select (Enumerable.Range(0, count).Select(i => new Payment($"p{idKeys[i]}-{i}", days[i], cents[i] / 100m)).ToArray(), arrival, freeEvents, freeQuota);

    [Property(MaxTest = 60)]
    public Property A_percentage_charge_does_not_depend_on_the_arrival_order_of_events() =>
        Prop.ForAll(PaymentsInSomeOrder.ToArbitrary(), sample =>
        {
            var (payments, arrival, freeEvents, freeQuota) = sample;
            var inEventOrder = Enumerable.Range(0, payments.Length).OrderBy(i => payments[i].Day).ThenBy(i => payments[i].Id, StringComparer.Ordinal).ToArray();

            return CardLine(payments, arrival, freeEvents, freeQuota) == CardLine(payments, inEventOrder, freeEvents, freeQuota);
        });

    /// <summary>1 to 8 seat counts at January instants on a few days and hours (ties likely).</summary>
    private static readonly Gen<Seats[]> SeatCounts =
        from count in Gen.Choose(1, 8)
        from days in Gen.Choose(2, 4).ArrayOf(count)
        from hours in Gen.Choose(0, 1).ArrayOf(count)
        from values in Gen.Choose(0, 40).ArrayOf(count)
        from idKeys in Gen.Choose(0, 1_000_000).ArrayOf(count)
        select Enumerable.Range(0, count).Select(i => new Seats($"s{idKeys[i]}-{i}", days[i], hours[i], values[i])).ToArray();

    [Property(MaxTest = 60)]
    public Property A_latest_meter_ignores_every_event_but_the_last() =>
        Prop.ForAll(SeatCounts.ToArbitrary(), seats =>
        {
            var last = seats.OrderBy(s => s.Day).ThenBy(s => s.Hour).ThenBy(s => s.Id, StringComparer.Ordinal).Last();
            var all = SeatsLine(seats);

            return all == SeatsLine([last]) && all.Quantity == last.Value;
        });

    private static Tier[] Tiers(int[] steps, int[] prices, int[] flats)
    {
        var bound = 0;
        return steps.Select((step, i) =>
        {
            bound += step;
            return new Tier(i == steps.Length - 1 ? null : bound, prices[i] / 10_000m, flats[i] / 100m);
        }).ToArray();
    }

    /// <summary>The January <c>card</c> line (2.9 % + 0.30) for the payments, received one minute apart in the given order.</summary>
    private static OutcomeLine CardLine(Payment[] payments, int[] arrival, int freeEvents, int freeQuota)
    {
        var card = new JsonObject { ["code"] = "card", ["meter"] = "payments", ["model"] = "percentage", ["rate"] = "2.9", ["fixedAmount"] = "0.30", ["freeEvents"] = freeEvents };
        var quota = new JsonObject { ["freeQuota"] = new JsonArray(new JsonObject { ["meter"] = "payments", ["quantity"] = freeQuota.ToString(CultureInfo.InvariantCulture), ["per"] = "period" }) };
        var scenario = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-02-01T03:00:00Z")
            .Meter("payments", property: "amount")
            .Plan("std", [card], extra: quota)
            .Customer("shop", "std");
        for (var position = 0; position < arrival.Length; position++)
        {
            var payment = payments[arrival[position]];
            scenario.Event(
                payment.Id, "shop", "payments", $"2026-01-{payment.Day:00}T00:00:00Z",
                new JsonObject { ["amount"] = payment.Amount.ToString(CultureInfo.InvariantCulture) },
                receivedAt: $"2026-01-10T00:{position:00}:00Z");
        }

        return scenario.Run().Usage("shop", "2026-01").Line("card");
    }

    /// <summary>The January <c>seats</c> line (volume: up to 10 at 8 + 20, above at 6 + 50) for the seat counts.</summary>
    private static OutcomeLine SeatsLine(Seats[] seats)
    {
        var charge = new JsonObject
        {
            ["code"] = "seats", ["meter"] = "seats", ["model"] = "volume",
            ["tiers"] = new JsonArray(
                new JsonObject { ["upTo"] = "10", ["unitPrice"] = "8", ["flatAmount"] = "20" },
                new JsonObject { ["upTo"] = null, ["unitPrice"] = "6", ["flatAmount"] = "50" }),
        };
        var scenario = ScenarioBuilder.Window("2026-01-01T00:00:00Z", "2026-02-01T03:00:00Z")
            .Meter("seats", "latest", "seats")
            .Plan("std", [charge])
            .Customer("acme", "std");
        foreach (var s in seats)
        {
            scenario.Event(s.Id, "acme", "seats", $"2026-01-{s.Day:00}T{s.Hour:00}:00:00Z", new JsonObject { ["seats"] = s.Value });
        }

        return scenario.Run().Usage("acme", "2026-01").Line("seats");
    }

    private sealed record Payment(string Id, int Day, decimal Amount);

    private sealed record Seats(string Id, int Day, int Hour, int Value);
}
