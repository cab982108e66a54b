using System.Text;

namespace Billing.Application.Imports;

/// <summary>The lines of a dropped usage file, numbered as its import report numbers them.</summary>
public static class UsageFileLines
{
    private static ReadOnlySpan<byte> Preamble => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// The file's lines as text, split at LF, CR LF or a lone CR (the line breaks CsvHelper counts, so a CSV record's line
    /// number is an index here), a UTF-8 byte order mark at the start of the file skipped; a line that is not valid UTF-8
    /// carries the problem instead. Line <c>n</c> of a report is entry <c>n - 1</c>.
    /// </summary>
    public static List<(string? Text, string? Problem)> Split(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var lines = new List<(string?, string?)>();
        var start = content.AsSpan().StartsWith(Preamble) ? Preamble.Length : 0;
        for (var i = start; i <= content.Length; i++)
        {
            var breakLength = i < content.Length ? BreakAt(content, i) : 0;
            if (i < content.Length && breakLength == 0)
            {
                continue;
            }

            var length = i - start;
            if (i < content.Length || length > 0)
            {
                try
                {
                    lines.Add((strict.GetString(content, start, length), null));
                }
                catch (DecoderFallbackException)
                {
                    lines.Add((null, "not valid UTF-8"));
                }
            }

            i += Math.Max(breakLength - 1, 0);
            start = i + 1;
        }

        return lines;
    }

    /// <summary>How many line breaks <paramref name="text"/> holds, counted as <see cref="Split"/> counts them.</summary>
    public static int LineBreaks(ReadOnlySpan<byte> text)
    {
        var breaks = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (BreakAt(text, i) is > 0 and var length)
            {
                breaks++;
                i += length - 1;
            }
        }

        return breaks;
    }

    /// <summary>The length of the line break at <paramref name="index"/>: 2 for CR LF, 1 for a lone LF or CR, 0 for none.</summary>
    private static int BreakAt(ReadOnlySpan<byte> text, int index) => text[index] switch
    {
        (byte)'\r' when index + 1 < text.Length && text[index + 1] == (byte)'\n' => 2,
        (byte)'\r' or (byte)'\n' => 1,
        _ => 0,
    };
}
