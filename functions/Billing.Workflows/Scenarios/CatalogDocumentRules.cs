using System.Globalization;
using System.Text.Json;
using Billing.Domain.Metering;

namespace Billing.Workflows.Scenarios;

/// <summary>
/// What a catalog offered from outside (<c>PUT /api/manage/catalog</c>, a scenario file) must satisfy before it is
/// stored or played, beyond the billing rules <see cref="CatalogReader"/> checks, so that pricing, storage and
/// ingestion never fail on it later. Each fault names its JSON path (<c>plans[0].charges[1].unitPrice</c>).
/// <para>Included:</para>
/// <list type="bullet">
/// <item>meter, plan and charge codes, and the meter a charge or free quota names, as
/// <see cref="CustomerDocumentRules.IsIdentifier"/> accepts ids (no <c>/</c>, <c>#</c>, <c>?</c>, <c>@</c> (the
/// separator of late-usage lines <c>&lt;charge&gt;@&lt;period&gt;</c>), NUL or spaces, at most 64 characters);</item>
/// <item>a meter's <c>property</c> as <see cref="EventPropertyName"/> accepts it (ingestion refuses every event
/// carrying any other name, so such a meter could never receive usage);</item>
/// <item>a meter's or charge's <c>name</c> and <c>unit</c>: at most <see cref="MaxDisplayLength"/> characters of
/// <see cref="PlainText"/>;</item>
/// <item>every number: no minus sign (not even on zero), at most <see cref="MaxDecimals"/> decimal places as written
/// (a price is never silently rounded to what <see cref="decimal"/> holds), and within its bound: unit prices,
/// <c>packagePrice</c>, <c>fixedAmount</c>, a flat <c>amount</c> and tier <c>flatAmount</c> at most
/// <see cref="MaxPrice"/>; a <c>package</c> charge also at most <see cref="MaxPrice"/> per unit
/// (<c>packagePrice</c> / <c>packageSize</c>); rates at most <see cref="MaxRate"/> (percent); tier <c>upTo</c>,
/// <c>packageSize</c>, free quota <c>quantity</c> and meter rounding <c>increment</c> at most
/// <see cref="MaxQuantity"/>.</item>
/// </list>
/// <para>Why these bounds: one event carries at most <see cref="MeterReading.MaxQuantity"/> (10^12), so one event's
/// line is at most 10^12 × 10^12 = 10^24, and a period total may reach about 7.9 × 10^16 (79,000 events of the
/// largest quantity) before a line at the largest price leaves <see cref="decimal"/>'s range (7.9 × 10^28); tier bounds
/// and quotas are period totals, so they may exceed one event's largest quantity. Percent rates keep a fee at most the
/// value it is taken on (a markup is a <c>per_unit</c> price above 1).</para>
/// <para>Excluded: catalog versions already stored, which <see cref="CatalogDocument.ReadStoredCatalog"/> reads by the
/// billing rules only; faults of type and shape, left to <see cref="CatalogReader"/>. Rounded: nothing; a value
/// beyond a bound is refused, never clamped or rounded.</para>
/// </summary>
public static class CatalogDocumentRules
{
    /// <summary>The largest unit price, package price, fixed amount, flat amount or tier flat amount: 10^12.</summary>
    public const decimal MaxPrice = 1_000_000_000_000m;

    /// <summary>The largest tier bound, package size, free quota or meter rounding increment: 10^15.</summary>
    public const decimal MaxQuantity = 1_000_000_000_000_000m;

    /// <summary>The largest rate, in percent.</summary>
    public const decimal MaxRate = 100m;

    /// <summary>The most decimal places a number of the catalog may have as written (0.000000000001 per unit).</summary>
    public const int MaxDecimals = 12;

    /// <summary>The longest meter or charge <c>name</c> and <c>unit</c>.</summary>
    public const int MaxDisplayLength = 100;

    /// <summary>Throws <see cref="ScenarioFormatException"/> naming the first field of the catalog that breaks a rule.</summary>
    internal static void Check(JsonNode root)
    {
        foreach (var meter in root.Property("meters").Items())
        {
            Identifier(meter.Property("code"));
            var property = meter.Property("property");
            if (StringOf(property) is { } name && !EventPropertyName.IsValid(name))
            {
                throw property.Fault($"must be a name an event property can have: {EventPropertyName.Rule}");
            }

            DisplayText(meter.Property("name"));
            DisplayText(meter.Property("unit"));
            Number(meter.Property("rounding").Property("increment"), MaxQuantity);
        }

        foreach (var plan in root.Property("plans").Items())
        {
            Identifier(plan.Property("code"));
            foreach (var charge in plan.Property("charges").Items())
            {
                CheckCharge(charge);
            }

            foreach (var quota in plan.Property("freeQuota").Items())
            {
                Identifier(quota.Property("meter"));
                Number(quota.Property("quantity"), MaxQuantity);
            }
        }
    }

    private static void CheckCharge(JsonNode charge)
    {
        Identifier(charge.Property("code"));
        Identifier(charge.Property("meter"));
        DisplayText(charge.Property("name"));
        DisplayText(charge.Property("unit"));
        switch (StringOf(charge.Property("model")))
        {
            case "flat":
                Number(charge.Property("amount"), MaxPrice);
                break;
            case "per_unit":
                Number(charge.Property("unitPrice"), MaxPrice);
                break;
            case "graduated" or "volume":
                CheckTiers(charge.Property("tiers"), "unitPrice", MaxPrice);
                break;
            case "graduated_percentage":
                CheckTiers(charge.Property("tiers"), "rate", MaxRate);
                break;
            case "percentage":
                Number(charge.Property("rate"), MaxRate);
                Number(charge.Property("fixedAmount"), MaxPrice);
                break;
            case "package":
                var size = Number(charge.Property("packageSize"), MaxQuantity);
                var priceNode = charge.Property("packagePrice");
                var price = Number(priceNode, MaxPrice);
                if (size > 0m && price / size > MaxPrice)
                {
                    throw priceNode.Fault($"makes more than {Shown(MaxPrice)} per unit (packagePrice / packageSize); at most that");
                }

                break;
        }
    }

    private static void CheckTiers(JsonNode tiers, string priceField, decimal maxPrice)
    {
        if (tiers.Element.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var tier in tiers.Items())
        {
            Number(tier.Property("upTo"), MaxQuantity);
            Number(tier.Property(priceField), maxPrice);
            Number(tier.Property("flatAmount"), MaxPrice);
        }
    }

    /// <summary>
    /// The number at <paramref name="node"/> when it is within the rules, else a fault; null when absent or not a
    /// decimal at all (the reader refuses that). A negative value is left to the reader's sign rule.
    /// </summary>
    internal static decimal? Number(JsonNode node, decimal max)
    {
        var text = node.Element.ValueKind switch
        {
            JsonValueKind.String => JsonNode.Text(node.Element, node.Path),
            JsonValueKind.Number => node.Element.GetRawText(),
            _ => null,
        };
        if (text is null || !MeterReading.TryParseDecimal(text, out var value) || value < 0m)
        {
            return null;
        }

        if (decimal.IsNegative(value))
        {
            throw node.Fault($"must not be negative, nor zero written with a minus sign ('{text}')");
        }

        if (DecimalPlaces(text) > MaxDecimals)
        {
            throw node.Fault($"has more than {MaxDecimals} decimal places");
        }

        return value > max ? throw node.Fault($"must be at most {Shown(max)}") : value;
    }

    /// <summary>
    /// The decimal places <paramref name="text"/> (a decimal as <see cref="MeterReading.TryParseDecimal"/> takes it)
    /// holds as written, trailing zeros being no precision: <c>0.0001</c> 4, <c>1.50</c> 1, <c>25e-1</c> 1, <c>1e-13</c> 13.
    /// </summary>
    internal static int DecimalPlaces(string text)
    {
        var e = text.IndexOfAny(['e', 'E']);
        var mantissa = (e < 0 ? text : text[..e]).TrimStart('+', '-');
        long exponent = 0;
        if (e >= 0 && !long.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            return text[e + 1] == '-' ? int.MaxValue : 0;
        }

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var significant = digits.TrimEnd('0');
        if (significant.TrimStart('0').Length == 0)
        {
            return 0;
        }

        var places = (point < 0 ? 0L : mantissa.Length - point - 1) - (digits.Length - significant.Length) - exponent;
        return (int)Math.Clamp(places, 0L, int.MaxValue);
    }

    private static void Identifier(JsonNode node)
    {
        if (StringOf(node) is { } text && !CustomerDocumentRules.IsIdentifier(text))
        {
            throw node.Fault(CustomerDocumentRules.IdentifierProblem);
        }
    }

    private static void DisplayText(JsonNode node)
    {
        if (StringOf(node) is not { } text)
        {
            return;
        }

        if (text.Length > MaxDisplayLength)
        {
            throw node.Fault($"must be at most {MaxDisplayLength} characters");
        }

        if (!PlainText.IsPlain(text))
        {
            throw node.Fault(PlainText.Problem);
        }
    }

    /// <summary>The string at <paramref name="node"/>; null when absent or of another type (the reader refuses that where it matters).</summary>
    private static string? StringOf(JsonNode node) =>
        node.Element.ValueKind == JsonValueKind.String ? JsonNode.Text(node.Element, node.Path) : null;

    private static string Shown(decimal value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
