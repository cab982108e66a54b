using System.Globalization;
using Billing.Domain.Periods;

namespace Billing.Workflows.Scenarios;

/// <summary>
/// The timestamps of the scenario format and of the API bodies that take its documents: ISO 8601 with a date, a time
/// and an offset (<c>2026-02-01T00:00:00Z</c>, <c>2026-02-01T08:00:00+08:00</c>), inside <see cref="BillingHorizon"/>.
/// A date alone, a time without an offset (whose meaning would depend on the server's zone) and impossible dates
/// (<c>2026-02-30</c>) are refused.
/// </summary>
public static class ScenarioTimestamp
{
    /// <summary>Reads <paramref name="text"/>; false with what is wrong with it (to follow the field's name) otherwise.</summary>
    public static bool TryParse(string text, out DateTimeOffset value, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hasOffset = text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasOffset || !text.Contains('T', StringComparison.Ordinal)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value))
        {
            value = default;
            problem = $"'{text}' is not an ISO 8601 timestamp with an offset";
            return false;
        }

        if (!BillingHorizon.Contains(value))
        {
            problem = $"'{text}' is {BillingHorizon.Problem}";
            return false;
        }

        problem = string.Empty;
        return true;
    }
}
