using System.Globalization;
using Billing.Domain.Catalog;

namespace Billing.Domain.Metering;

/// <summary>
/// Reads the value a meter measures from an event's properties. Sum, max and latest need a JSON number (or a
/// string holding a decimal) that is not negative and at most <see cref="MaxQuantity"/>; unique-count
/// takes any string or number; count reads nothing.
/// </summary>
public static class MeterReading
{
    /// <summary>The largest quantity one event may carry; larger values are rejected as implausible.</summary>
    public const decimal MaxQuantity = 1_000_000_000_000m;

    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>The quantity and distinct value, or the reason the event cannot be metered.</summary>
    public static ReadingResult Read(Meter meter, IReadOnlyDictionary<string, EventProperty>? properties)
    {
        if (meter.Aggregation == Aggregation.Count)
        {
            return ReadingResult.Of(1m, null);
        }

        var name = meter.Property ?? string.Empty;
        if (properties is null || !properties.TryGetValue(name, out var property))
        {
            return ReadingResult.Fail($"missing property '{name}'");
        }

        if (meter.Aggregation == Aggregation.UniqueCount)
        {
            return property.Kind switch
            {
                EventPropertyKind.String => ReadingResult.Of(1m, "s:" + property.Text),
                EventPropertyKind.Number when TryParseDecimal(property.Text, out var number) => ReadingResult.Of(1m, "n:" + Normalized(number).ToString(CultureInfo.InvariantCulture)),
                _ => ReadingResult.Fail($"property '{name}' must be a string or a number"),
            };
        }

        if (property.Kind == EventPropertyKind.Other || !TryParseDecimal(property.Text, out var quantity))
        {
            return ReadingResult.Fail($"non-numeric property '{name}'");
        }

        if (quantity < 0m)
        {
            return ReadingResult.Fail("negative quantity");
        }

        return quantity > MaxQuantity
            ? ReadingResult.Fail($"quantity above {MaxQuantity.ToString(CultureInfo.InvariantCulture)}")
            : ReadingResult.Of(quantity, null);
    }

    /// <summary>Parses decimal text as JSON writes numbers (sign, point, exponent); no thousands separators, no NaN.</summary>
    public static bool TryParseDecimal(string text, out decimal value)
    {
        value = 0m;
        if (string.IsNullOrEmpty(text) || text.Length > 64 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return false;
        }

        if (!decimal.TryParse(text, DecimalStyle, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        return true;
    }

    /// <summary>The same number without trailing zeros, so 5, 5.0 and 5e0 count as one distinct value.</summary>
    private static decimal Normalized(decimal value) => value / 1.000000000000000000000000000m;
}
