using System.Text;

namespace Billing.Workflows.Scenarios;

/// <summary>
/// Text from outside that is shown on one line (invoices, emails, reports, logs) exactly as it reads. Excluded:
/// control characters (line breaks, tabs, NUL and the like), the line and paragraph separators U+2028 and U+2029,
/// the bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069 (they make text read
/// other than it is stored), and Unicode noncharacters (U+FDD0–U+FDEF and every code point ending in FFFE or FFFF).
/// Included: everything else, right-to-left scripts and the marks U+200E/U+200F among it. Nothing is altered:
/// text that breaks the rule is refused, never cleaned.
/// </summary>
public static class PlainText
{
    /// <summary>The sentence refused text gets.</summary>
    public const string Problem =
        "must not contain control characters (line breaks, tabs, NUL and the like), line or paragraph separators, bidirectional overrides or noncharacters";

    /// <summary>True when <paramref name="text"/> holds none of the excluded characters (nor a lone surrogate).</summary>
    public static bool IsPlain(string text) =>
        AllCharacters(text, rune => !Rune.IsControl(rune) && !IsNoncharacter(rune) && rune.Value is not (0x2028 or 0x2029 or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069)));

    /// <summary>True when <paramref name="text"/> is valid UTF-16 (no lone surrogate) and every character of it is <paramref name="allowed"/>.</summary>
    public static bool AllCharacters(string text, Func<Rune, bool> allowed)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(allowed);
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != System.Buffers.OperationStatus.Done || !allowed(rune))
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }

    /// <summary>A Unicode noncharacter: U+FDD0–U+FDEF, or a code point ending in FFFE or FFFF.</summary>
    public static bool IsNoncharacter(Rune rune) => rune.Value is >= 0xFDD0 and <= 0xFDEF || (rune.Value & 0xFFFE) == 0xFFFE;
}
