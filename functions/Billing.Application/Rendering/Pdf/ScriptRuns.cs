using System.Text;

namespace Billing.Application.Rendering;

/// <summary>
/// Splits text into runs that one font can draw: CJK (Han, kana, Hangul, CJK punctuation, full-width forms)
/// for the CJK font, everything else for the Latin font, since neither font has the other's glyphs.
/// </summary>
internal static class ScriptRuns
{
    public static List<(string Text, bool Cjk)> Split(string text)
    {
        var runs = new List<(string, bool)>();
        var current = new StringBuilder();
        var currentCjk = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var cjk = IsCjk(rune);
            if (current.Length > 0 && cjk != currentCjk)
            {
                runs.Add((current.ToString(), currentCjk));
                current.Clear();
            }

            currentCjk = cjk;
            current.Append(rune.ToString());
        }

        if (current.Length > 0)
        {
            runs.Add((current.ToString(), currentCjk));
        }

        return runs;
    }

    public static bool IsCjk(Rune rune) => rune.Value switch
    {
        >= 0x1100 and <= 0x11FF => true, // Hangul Jamo
        >= 0x2E80 and <= 0x9FFF => true, // CJK radicals, symbols and punctuation, kana, Bopomofo, Ext. A, unified ideographs
        >= 0xA960 and <= 0xA97F => true, // Hangul Jamo Extended-A
        >= 0xAC00 and <= 0xD7FF => true, // Hangul syllables
        >= 0xF900 and <= 0xFAFF => true, // CJK compatibility ideographs
        >= 0xFE30 and <= 0xFE4F => true, // CJK compatibility forms
        >= 0xFF00 and <= 0xFFEF => true, // half-width and full-width forms
        >= 0x20000 and <= 0x3FFFF => true, // supplementary ideographic planes
        _ => false,
    };
}
