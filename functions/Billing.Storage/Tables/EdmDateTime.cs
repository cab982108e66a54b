using System.Globalization;

namespace Billing.Storage.Tables;

/// <summary>The Table service's text form of an Edm.DateTime (UTC, 7 fractional digits), as filters and the in-memory twin spell it.</summary>
internal static class EdmDateTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
