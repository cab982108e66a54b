using System.Globalization;
using System.Text.Json.Nodes;

namespace Billing.Domain.Tests.Properties.Generation;

/// <summary>The customer half of the generator: tax, credit limits, coupons, packs and sub-accounts.</summary>
internal sealed partial class ScenarioGenerator
{
    private static readonly string[] TaxRates = ["0", "0.06", "0.1", "0.0725", "0.2"];
    private static readonly string[] ChildBillings = ["pooled", "separate", "independent"];

    private JsonArray Customers()
    {
        var array = new JsonArray();
        var plans = ((JsonArray)PlansNode()).Select(p => (string)p!["code"]!).ToList();
        var parents = random.Next(1, 4);
        for (var i = 1; i <= parents; i++)
        {
            var id = "cust-" + i.ToString(CultureInfo.InvariantCulture);
            var startsAt = Chance(0.7) ? start : Between(start, start + TimeSpan.FromDays(45));
            array.Add(Customer(id, startsAt, Pick(plans), null, null));
            customers.Add(new CustomerSketch(id, startsAt, null));
        }

        var children = random.Next(0, 3);
        for (var i = 1; i <= children; i++)
        {
            var parent = customers[random.Next(parents)];
            var id = parent.Id + "-sub-" + i.ToString(CultureInfo.InvariantCulture);
            var billing = Pick(ChildBillings);
            var startsAt = Chance(0.6) ? parent.StartsAt : Between(parent.StartsAt, parent.StartsAt + TimeSpan.FromDays(40));
            array.Add(Customer(id, startsAt, Pick(plans), parent.Id, billing));
            customers.Add(new CustomerSketch(id, startsAt, billing));
        }

        return array;
    }

    private JsonNode PlansNode() => plansNode ?? throw new InvalidOperationException("plans come before customers");

    private JsonObject Customer(string id, DateTimeOffset startsAt, string plan, string? parent, string? childBilling)
    {
        var node = new JsonObject { ["id"] = id, ["name"] = id.ToUpperInvariant(), ["email"] = id + "@example.test", ["plan"] = plan };
        if (startsAt != start || Chance(0.3))
        {
            node["startsAt"] = Instant(startsAt);
        }

        if (Chance(0.7))
        {
            node["taxRate"] = Pick(TaxRates);
        }

        if (Chance(0.3))
        {
            node["creditLimit"] = Money(0m, 3000m);
        }

        var coupons = Coupons();
        if (coupons.Count > 0)
        {
            node["coupons"] = coupons;
        }

        var packs = Packs(startsAt);
        if (packs.Count > 0)
        {
            node["packs"] = packs;
        }

        if (parent is not null)
        {
            node["parent"] = parent;
            node["childBilling"] = childBilling;
        }

        return node;
    }

    private JsonArray Coupons()
    {
        var coupons = new JsonArray();
        var count = Chance(0.6) ? 0 : random.Next(1, 3);
        for (var i = 1; i <= count; i++)
        {
            var coupon = new JsonObject { ["code"] = "coupon-" + i.ToString(CultureInfo.InvariantCulture) };
            if (Chance(0.5))
            {
                coupon["percentOff"] = Text(Chance(0.1) ? 100m : Decimal(0m, 80m, 1));
            }
            else
            {
                coupon["amountOff"] = Money(0m, 120m);
            }

            if (Chance(0.7))
            {
                coupon["periods"] = random.Next(1, 4);
            }

            coupons.Add(coupon);
        }

        return coupons;
    }

    private JsonArray Packs(DateTimeOffset startsAt)
    {
        var packs = new JsonArray();
        var deductible = meters.Where(m => m.IsDeductible).ToList();
        var count = Chance(0.4) ? 0 : random.Next(1, 4);
        for (var i = 1; i <= count; i++)
        {
            var purchasedAt = Between(startsAt, end);
            var validFrom = Chance(0.5) ? purchasedAt : Between(purchasedAt, purchasedAt + TimeSpan.FromDays(20));
            var validTo = validFrom + TimeSpan.FromDays(random.Next(3, 100)) + TimeSpan.FromHours(Chance(0.5) ? 0 : random.Next(24));
            packs.Add(new JsonObject
            {
                ["code"] = "pack-" + i.ToString(CultureInfo.InvariantCulture),
                ["meter"] = Pick(deductible).Code,
                ["quantity"] = Text(Chance(0.8) ? Decimal(1m, 4000m, 0) : Decimal(0.5m, 500m, 2)),
                ["price"] = Chance(0.9) ? Money(0m, 600m) : Money(0m, 60m),
                ["purchasedAt"] = Instant(purchasedAt),
                ["validFrom"] = Instant(validFrom),
                ["validTo"] = Instant(validTo),
                ["allocation"] = Pick(["monthly", "once"]),
                ["carryOver"] = Chance(0.5),
            });
        }

        return packs;
    }
}
