using System.Globalization;
using System.Text.RegularExpressions;

namespace Billing.Domain.Invoicing;

/// <summary>
/// Turns an issuer's yearly sequence number into an invoice number by a pattern such as the default
/// <c>INV-{yyyy}-{seq:000000}</c>: <c>{yyyy}</c> is the year, <c>{seq}</c> the sequence with an optional .NET
/// numeric format. Any other text is copied. Sequences are gapless per issuer and year; this only formats.
/// </summary>
public sealed partial record InvoiceNumberFormat(string Pattern)
{
    public static InvoiceNumberFormat Default { get; } = new("INV-{yyyy}-{seq:000000}");

    public string Format(int year, long sequence) =>
        Placeholder().Replace(Pattern, match => match.Groups["name"].Value switch
        {
            "yyyy" => year.ToString("D4", CultureInfo.InvariantCulture),
            "yy" => (year % 100).ToString("D2", CultureInfo.InvariantCulture),
            _ => sequence.ToString(match.Groups["format"].Success ? match.Groups["format"].Value : "D", CultureInfo.InvariantCulture),
        });

    /// <summary>True when the pattern has a sequence placeholder (without one, numbers would repeat).</summary>
    public bool IsValid => Pattern.Contains("{seq", StringComparison.Ordinal) && Pattern.Length <= 64;

    [GeneratedRegex(@"\{(?<name>yyyy|yy|seq)(:(?<format>[0#]+))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
