using System.Text.Json.Nodes;

namespace Billing.Domain.Tests.Properties.Generation;

/// <summary>The catalog half of the generator: meters, plans, charges of every model and free quota.</summary>
internal sealed partial class ScenarioGenerator
{
    private static readonly string[] MeteredModels = ["per_unit", "graduated", "volume", "package"];

    private JsonArray Meters()
    {
        var array = new JsonArray();
        foreach (var meter in GeneratedMeter.All)
        {
            // "calls" is always there so every scenario has a deductible meter; the others come and go.
            if (meter.Code != "calls" && Chance(0.25))
            {
                continue;
            }

            meters.Add(meter);
            var node = new JsonObject { ["code"] = meter.Code, ["aggregation"] = meter.Aggregation };
            if (meter.Property is not null)
            {
                node["property"] = meter.Property;
            }

            if (meter.Code == "gb" && Chance(0.7))
            {
                node["rounding"] = new JsonObject { ["increment"] = Pick(["1", "0.5", "10"]), ["mode"] = Pick(["up", "down", "nearest"]) };
            }

            array.Add(node);
        }

        return array;
    }

    private JsonArray Plans()
    {
        var plans = new JsonArray();
        var count = random.Next(1, 3);
        for (var i = 1; i <= count; i++)
        {
            var plan = new JsonObject
            {
                ["code"] = "plan-" + i,
                ["period"] = unit,
                ["paymentTermsDays"] = Pick([0, 7, 14, 30]),
                ["charges"] = Charges(),
            };
            var quota = FreeQuota();
            if (quota.Count > 0)
            {
                plan["freeQuota"] = quota;
            }

            if (Chance(0.6))
            {
                plan["deductionOrder"] = new JsonArray(Pick<string[]>([["packs", "free_quota"], ["free_quota", "packs"], ["packs"], ["free_quota"]])
                    .Select(source => (JsonNode?)source).ToArray());
            }

            plans.Add(plan);
        }

        return plans;
    }

    private JsonArray Charges()
    {
        var charges = new JsonArray();
        var index = 0;
        foreach (var meter in meters)
        {
            var count = Chance(0.15) ? 2 : Chance(0.8) ? 1 : 0;
            for (var i = 0; i < count; i++)
            {
                var model = Pick(MeteredModels);
                var charge = new JsonObject { ["code"] = $"{meter.Code}-{model}-{++index}", ["meter"] = meter.Code, ["model"] = model };
                switch (model)
                {
                    case "per_unit":
                        charge["unitPrice"] = Text(UnitPrice());
                        break;
                    case "package":
                        charge["packageSize"] = Text(Pick([1m, 10m, 100m, 2.5m]));
                        charge["packagePrice"] = Money(0m, 80m);
                        break;
                    default:
                        charge["tiers"] = Tiers(nonDecreasing: model == "volume" && options.MonotonePrices);
                        break;
                }

                charges.Add(charge);
            }
        }

        if (charges.Count == 0 || Chance(0.6))
        {
            charges.Add(new JsonObject { ["code"] = "platform", ["model"] = "flat", ["amount"] = Money(0m, 150m) });
        }

        return charges;
    }

    private JsonArray Tiers(bool nonDecreasing)
    {
        var tiers = new JsonArray();
        var count = random.Next(1, 4);
        var upTo = 0m;
        var price = UnitPrice();
        for (var i = 0; i < count; i++)
        {
            var last = i == count - 1;
            upTo += Decimal(1m, 3000m, 0);
            tiers.Add(new JsonObject { ["upTo"] = last ? null : Text(upTo), ["unitPrice"] = Text(price) });
            price = nonDecreasing ? price + Decimal(0m, 0.05m, 4) : UnitPrice();
        }

        return tiers;
    }

    /// <summary>Up to four decimals, so lines need rounding; sometimes zero.</summary>
    private decimal UnitPrice() => Chance(0.1) ? 0m : Decimal(0m, 2m, 4);

    private JsonArray FreeQuota()
    {
        var quota = new JsonArray();
        foreach (var meter in meters.Where(m => m.IsDeductible))
        {
            if (Chance(0.4))
            {
                quota.Add(new JsonObject { ["meter"] = meter.Code, ["quantity"] = Text(Decimal(0m, 3000m, 0)), ["per"] = Pick(["period", "once"]) });
            }
        }

        return quota;
    }
}
