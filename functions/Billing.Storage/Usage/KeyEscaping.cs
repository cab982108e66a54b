using System.Globalization;
using System.Text;

namespace Billing.Storage.Usage;

/// <summary>
/// Makes an id safe inside a PartitionKey or RowKey: the characters the Table service forbids there
/// (<c>/ \ # ?</c>, control characters), the separator <c>|</c> and <c>%</c> itself are percent-encoded,
/// so distinct ids stay distinct and the encoding reverses.
/// </summary>
public static class KeyEscaping
{
    public static string Escape(string value)
    {
        if (!value.Any(NeedsEscape))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (NeedsEscape(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// <see cref="Escape"/>d, or <c>sha256-{64 hex}</c> of <paramref name="value"/> when the escaped form is longer than
    /// <paramref name="maxLength"/> (a key is limited in size): distinct values stay distinct keys, the long ones no longer
    /// reversible.
    /// </summary>
    public static string EscapeWithin(string value, int maxLength)
    {
        var escaped = Escape(value);
        return escaped.Length <= maxLength
            ? escaped
            : "sha256-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(value)));
    }

    public static string Unescape(string value) => value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '|' or '%' || char.IsControl(c);
}
