namespace Billing.Domain.Metering;

/// <summary>
/// The names an event property may have, so that Table Storage can hold each property as a column of the event's
/// row. Included: an ASCII letter or <c>_</c>, then ASCII letters, digits or <c>_</c>, at most <see cref="MaxLength"/>
/// characters. Excluded: the table's system properties <see cref="ReservedNames"/> (in any case). Ingestion refuses
/// an event carrying any other name, and a catalog refuses a meter that reads one (it could never receive usage).
/// </summary>
public static class EventPropertyName
{
    /// <summary>The longest table column name.</summary>
    public const int MaxLength = 255;

    /// <summary>The system properties of every table row, refused as names without regard to case.</summary>
    public static IReadOnlyList<string> ReservedNames { get; } = ["PartitionKey", "RowKey", "Timestamp"];

    /// <summary>The rule in words, for a refusal.</summary>
    public static string Rule { get; } =
        $"an ASCII letter or '_', then ASCII letters, digits or '_', at most {MaxLength} characters, not {string.Join(", ", ReservedNames)}";

    /// <summary>True when <paramref name="name"/> can be a table column: a C# identifier of ASCII letters, digits and '_', and not a system property.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength }
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        && !ReservedNames.Contains(name, StringComparer.OrdinalIgnoreCase);
}
