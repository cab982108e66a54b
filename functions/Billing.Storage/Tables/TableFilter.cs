using System.Globalization;
using System.Text;

namespace Billing.Storage.Tables;

/// <summary>
/// Builds OData <c>$filter</c> strings with correctly quoted literals, like the official
/// <c>TableClient.CreateQueryFilter</c>: <c>TableFilter.Create($"PartitionKey eq {pk} and Amount gt {10L}")</c>.
/// Strings are single-quoted with quotes doubled; long gets the L suffix; DateTimeOffset becomes
/// <c>datetime'...'</c> (UTC), Guid <c>guid'...'</c>, byte[] <c>X'hex'</c>; a decimal is compared as the string it is stored as.
/// </summary>
public static class TableFilter
{
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        object?[] literals = filter.GetArguments().Select(a => (object?)Literal(a)).ToArray();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    public static string Literal(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        decimal d => Quote(d.ToString(CultureInfo.InvariantCulture)),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => d.ToString("R", CultureInfo.InvariantCulture) is var text && text.Contains('.', StringComparison.Ordinal) ? text : text + ".0",
        DateTimeOffset d => "datetime'" + EdmDateTime.ToText(d) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        _ => throw new ArgumentException($"No OData literal for {value.GetType().Name}.", nameof(value)),
    };

    private static string Quote(string value) => new StringBuilder("'").Append(value.Replace("'", "''", StringComparison.Ordinal)).Append('\'').ToString();
}
