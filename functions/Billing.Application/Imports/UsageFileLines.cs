using System.Text;

namespace Billing.Application.Imports;

/// <summary>The lines of a dropped usage file, numbered as its import report numbers them.</summary>
public static class UsageFileLines
{
    private static ReadOnlySpan<byte> Preamble => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// The file's lines as text, split at LF (a CR before it dropped, a UTF-8 byte order mark at the start of the file
    /// skipped); a line that is not valid UTF-8 carries the problem instead. Line <c>n</c> of a report is entry <c>n - 1</c>.
    /// </summary>
    public static List<(string? Text, string? Problem)> Split(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var lines = new List<(string?, string?)>();
        var start = content.AsSpan().StartsWith(Preamble) ? Preamble.Length : 0;
        for (var i = start; i <= content.Length; i++)
        {
            if (i < content.Length && content[i] != (byte)'\n')
            {
                continue;
            }

            var length = i - start;
            if (length > 0 && content[start + length - 1] == (byte)'\r')
            {
                length--;
            }

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

            start = i + 1;
        }

        return lines;
    }
}
