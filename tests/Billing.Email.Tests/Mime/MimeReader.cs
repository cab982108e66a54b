using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Billing.Email.Tests.Mime;

/// <summary>
/// Just enough of a MIME reader to check what the outbox writes, written independently of the writer: unfolds
/// headers, decodes RFC 2047 encoded words (B and Q), reads parameters with RFC 2231 continuations and charsets,
/// splits multiparts on their boundary lines and decodes base64 bodies.
/// </summary>
public sealed partial class MimeEntity
{
    private MimeEntity(IReadOnlyList<KeyValuePair<string, string>> headers, string body)
    {
        Headers = headers;
        Body = body;
        Parts = MediaType.StartsWith("multipart/", StringComparison.Ordinal) ? SplitParts(body, Parameters("Content-Type")["boundary"]) : [];
    }

    /// <summary>Unfolded raw header values, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public string Body { get; }

    public IReadOnlyList<MimeEntity> Parts { get; }

    /// <summary>The media type in lower case, <c>text/plain</c> when absent (RFC 2045 default).</summary>
    public string MediaType => (Header("Content-Type") ?? "text/plain").Split(';')[0].Trim().ToLowerInvariant();

    public static MimeEntity Parse(string text)
    {
        int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        string headerBlock = split < 0 ? text : text[..split];
        string body = split < 0 ? string.Empty : text[(split + 4)..];
        var headers = new List<KeyValuePair<string, string>>();
        foreach (string line in headerBlock.Split("\r\n"))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                KeyValuePair<string, string> last = headers[^1];
                headers[^1] = new(last.Key, last.Value + line);
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon], line[(colon + 1)..]));
        }

        return new MimeEntity(headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.Trim())).ToList(), body);
    }

    public string? Header(string name) => Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public int HeaderCount(string name) => Headers.Count(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A header's text with encoded words decoded.</summary>
    public string? DecodedHeader(string name) => Header(name) is { } value ? DecodeWords(value) : null;

    /// <summary>The parameters after the first <c>;</c>, names lower-cased, RFC 2231 sections joined and decoded.</summary>
    public IReadOnlyDictionary<string, string> Parameters(string header)
    {
        var plain = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sections = new SortedDictionary<(string Name, int Index), (string Value, bool Encoded)>();
        foreach (string parameter in SplitParameters(Header(header) ?? string.Empty).Skip(1))
        {
            int equals = parameter.IndexOf('=', StringComparison.Ordinal);
            string name = parameter[..equals].Trim().ToLowerInvariant();
            string value = parameter[(equals + 1)..].Trim();
            if (value.StartsWith('"'))
            {
                value = Regex.Replace(value[1..^1], @"\\(.)", "$1");
            }

            Match extended = ExtendedName().Match(name);
            if (extended.Success)
            {
                int index = extended.Groups[2].Success ? int.Parse(extended.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
                bool encoded = !extended.Groups[2].Success || extended.Groups[3].Success;
                sections[(extended.Groups[1].Value, index)] = (value, encoded);
            }
            else
            {
                plain[name] = value;
            }
        }

        foreach (IGrouping<string, KeyValuePair<(string Name, int Index), (string Value, bool Encoded)>> group in sections.GroupBy(s => s.Key.Name))
        {
            Encoding charset = Encoding.ASCII;
            var bytes = new List<byte>();
            foreach (var section in group.OrderBy(s => s.Key.Index))
            {
                string value = section.Value.Value;
                if (section.Key.Index == 0 && section.Value.Encoded)
                {
                    string[] pieces = value.Split('\'', 3);
                    charset = Encoding.GetEncoding(pieces[0]);
                    value = pieces[2];
                }

                bytes.AddRange(section.Value.Encoded ? PercentDecode(value) : Encoding.ASCII.GetBytes(value));
            }

            plain[group.Key] = charset.GetString(bytes.ToArray());
        }

        return plain;
    }

    /// <summary>The body with its Content-Transfer-Encoding undone (base64 or 7bit).</summary>
    public byte[] DecodedBody() =>
        (Header("Content-Transfer-Encoding") ?? "7bit").Equals("base64", StringComparison.OrdinalIgnoreCase)
            ? Convert.FromBase64String(string.Concat(Body.Where(c => !char.IsWhiteSpace(c))))
            : Encoding.ASCII.GetBytes(Body);

    /// <summary>RFC 2047: decodes each <c>=?charset?B|Q?text?=</c>, dropping whitespace between adjacent encoded words.</summary>
    public static string DecodeWords(string value)
    {
        string joined = AdjacentWords().Replace(value, "$1$2");
        return EncodedWord().Replace(joined, m =>
        {
            Encoding charset = Encoding.GetEncoding(m.Groups[1].Value);
            string text = m.Groups[3].Value;
            byte[] bytes = m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(text)
                : PercentDecode(Regex.Replace(text.Replace('_', ' '), "=([0-9A-Fa-f]{2})", "%$1"));
            return charset.GetString(bytes);
        });
    }

    private static List<MimeEntity> SplitParts(string body, string boundary)
    {
        var parts = new List<MimeEntity>();
        StringBuilder? current = null;
        foreach (string line in body.Split("\r\n"))
        {
            if (line == "--" + boundary || line == "--" + boundary + "--")
            {
                if (current is not null)
                {
                    // The CRLF before a boundary line belongs to the boundary.
                    string text = current.ToString();
                    parts.Add(Parse(text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text));
                }

                current = line.EndsWith("--", StringComparison.Ordinal) && line.Length == boundary.Length + 4 ? null : new StringBuilder();
                continue;
            }

            current?.Append(line).Append("\r\n");
        }

        return parts;
    }

    private static IEnumerable<string> SplitParameters(string value)
    {
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '\\' && quoted && i + 1 < value.Length)
            {
                current.Append(c).Append(value[++i]);
                continue;
            }

            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == ';' && !quoted)
            {
                yield return current.ToString();
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        if (current.ToString().Trim().Length > 0)
        {
            yield return current.ToString();
        }
    }

    private static byte[] PercentDecode(string text)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '%')
            {
                bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                bytes.Add((byte)text[i]);
            }
        }

        return bytes.ToArray();
    }

    // name* (one encoded section), name*0 (a plain section), name*0* (an encoded section).
    [GeneratedRegex(@"^([a-z0-9_-]+)\*(\d+)?(\*)?$")]
    private static partial Regex ExtendedName();

    [GeneratedRegex(@"(\?=)\s+(=\?)")]
    private static partial Regex AdjacentWords();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();
}
