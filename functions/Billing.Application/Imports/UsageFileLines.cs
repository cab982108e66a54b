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
            if (i < content.Length && content[i] is not ((byte)'\n' or (byte)'\r'))
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

            // CR LF is one break.
            if (i + 1 < content.Length && content[i] == (byte)'\r' && content[i + 1] == (byte)'\n')
            {
                i++;
            }

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
            if (text[i] == (byte)'\r')
            {
                breaks++;
                if (i + 1 < text.Length && text[i + 1] == (byte)'\n')
                {
                    i++;
                }
            }
            else if (text[i] == (byte)'\n')
            {
                breaks++;
            }
        }

        return breaks;
    }
}
