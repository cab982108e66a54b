using System.Text.Json.Nodes;

namespace Billing.Domain.Tests.Support;

/// <summary>Charges, tiers, packs and coupons in the scenario format's JSON shape, for <see cref="ScenarioBuilder"/> (import with <c>using static</c>).</summary>
internal static class ScenarioParts
{
    public static JsonObject PerUnit(string code, string meter, string unitPrice) =>
        new() { ["code"] = code, ["meter"] = meter, ["model"] = "per_unit", ["unitPrice"] = unitPrice };

    /// <summary>Tiers as <c>"upTo:unitPrice"</c> pairs, <c>"*"</c> for the open last tier: <c>"100:0.10", "*:0.05"</c>.</summary>
    public static JsonObject Graduated(string code, string meter, params string[] tiers) =>
        new() { ["code"] = code, ["meter"] = meter, ["model"] = "graduated", ["tiers"] = Tiers(tiers) };

    public static JsonObject Volume(string code, string meter, params string[] tiers) =>
        new() { ["code"] = code, ["meter"] = meter, ["model"] = "volume", ["tiers"] = Tiers(tiers) };

    public static JsonObject Package(string code, string meter, string size, string price) =>
        new() { ["code"] = code, ["meter"] = meter, ["model"] = "package", ["packageSize"] = size, ["packagePrice"] = price };

    public static JsonObject Flat(string code, string amount) =>
        new() { ["code"] = code, ["model"] = "flat", ["amount"] = amount };

    public static JsonObject FreeQuota(string meter, string quantity, string per = "period") =>
        new() { ["freeQuota"] = new JsonArray(new JsonObject { ["meter"] = meter, ["quantity"] = quantity, ["per"] = per }) };

    public static JsonObject Pack(
        string code, string meter, string quantity, string validFrom, string validTo,
        string allocation = "once", bool carryOver = false, string? purchasedAt = null, string price = "0.00") =>
        new()
        {
            ["code"] = code, ["meter"] = meter, ["quantity"] = quantity, ["price"] = price,
            ["purchasedAt"] = purchasedAt ?? validFrom, ["validFrom"] = validFrom, ["validTo"] = validTo,
            ["allocation"] = allocation, ["carryOver"] = carryOver,
        };

    public static JsonObject PercentCoupon(string code, string percentOff, int? periods = null) =>
        WithPeriods(new JsonObject { ["code"] = code, ["percentOff"] = percentOff }, periods);

    public static JsonObject AmountCoupon(string code, string amountOff, int? periods = null) =>
        WithPeriods(new JsonObject { ["code"] = code, ["amountOff"] = amountOff }, periods);

    /// <summary>A JSON array of the given objects (each copied, so one object can serve several documents).</summary>
    public static JsonArray Array(params JsonObject[] items) => new(items.Select(i => (JsonNode?)i.DeepClone()).ToArray());

    /// <summary>A dunning policy from <c>(afterDueDays, action)</c> pairs.</summary>
    public static JsonObject Dunning(params (int AfterDueDays, string Action)[] steps) =>
        new() { ["steps"] = new JsonArray(steps.Select(s => (JsonNode?)new JsonObject { ["afterDueDays"] = s.AfterDueDays, ["action"] = s.Action }).ToArray()) };

    private static JsonArray Tiers(string[] tiers) => new(tiers.Select(t =>
    {
        var parts = t.Split(':');
        return (JsonNode?)new JsonObject { ["upTo"] = parts[0] == "*" ? null : parts[0], ["unitPrice"] = parts[1] };
    }).ToArray());

    private static JsonObject WithPeriods(JsonObject coupon, int? periods)
    {
        if (periods is { } n)
        {
            coupon["periods"] = n;
        }

        return coupon;
    }
}
