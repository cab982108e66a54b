using System.Globalization;
using System.Text;

namespace Billing.Functions.Email.Mime;

/// <summary>
/// Header fields within 78 characters a line (RFC 5322 section 2.1.1): values are cut into tokens that are never
/// split, joined by single spaces and folded before the token that would overflow. Text that cannot stay as it is
/// (non-ASCII, an <c>=?</c> that would read as an encoded word, odd spacing, very long words) becomes RFC 2047
/// UTF-8 base64 encoded words of whole code points; attachment names that are not short ASCII become RFC 2231
/// parameters (<c>filename*=utf-8''...</c>, continued as <c>filename*0*</c>, <c>filename*1*</c>, ...).
/// </summary>
public static class MimeHeaders
{
    public const int MaxLineLength = 78;
    public const string NewLine = "\r\n";

    // 42 bytes are 56 base64 characters: an encoded word of 68 characters fits any line, even after "Subject: ".
    private const int EncodedWordBytes = 42;
    private const int LongestPlainWord = 60;
    private const string AtextSpecials = "!#$%&'*+-/=?^_`{|}~";
    private const string AttributeCharSpecials = "!#$&+-.^_`|~";

    /// <summary>An RFC 5322 date in UTC, e.g. <c>Tue, 03 Feb 2026 09:30:00 +0000</c>.</summary>
    public static string Date(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>Writes <c>name: tokens</c> folded at 78 characters, ending with CRLF.</summary>
    public static void Write(StringBuilder output, string name, IEnumerable<string> tokens)
    {
        output.Append(name).Append(':');
        int lineLength = name.Length + 1;
        foreach (string token in tokens)
        {
            // Folding right after the colon is allowed too: the field name keeps that line from being blank.
            if (lineLength > 0 && lineLength + 1 + token.Length > MaxLineLength)
            {
                output.Append(NewLine);
                lineLength = 0;
            }

            output.Append(' ').Append(token);
            lineLength += 1 + token.Length;
        }

        output.Append(NewLine);
    }

    /// <summary>Free text (Subject and the like): its words when it is plain printable ASCII, otherwise encoded words.</summary>
    public static IReadOnlyList<string> Unstructured(string text)
    {
        string[] words = text.Split(' ');
        bool plain = text.Length > 0 && text.All(c => c is >= ' ' and <= '~') && !text.Contains("=?", StringComparison.Ordinal)
            && words.All(w => w.Length is > 0 and <= LongestPlainWord);
        return plain ? words : EncodedWords(text);
    }

    /// <summary>A display name: atoms as they are, other printable ASCII as one quoted string, the rest as encoded words.</summary>
    public static IReadOnlyList<string> Phrase(string text)
    {
        string[] words = text.Split(' ');
        if (words.All(w => w.Length is > 0 and <= LongestPlainWord && w.All(IsAtext)) && !text.Contains("=?", StringComparison.Ordinal))
        {
            return words;
        }

        if (text.All(c => c is >= ' ' and <= '~') && text.Length <= LongestPlainWord && !text.Contains("=?", StringComparison.Ordinal))
        {
            return ["\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""];
        }

        return EncodedWords(text);
    }

    /// <summary>Mailboxes separated by commas: <c>Name &lt;address&gt;</c>, or the bare address without a name.</summary>
    public static IReadOnlyList<string> AddressList(IReadOnlyList<EmailAddress> addresses)
    {
        var tokens = new List<string>();
        for (int i = 0; i < addresses.Count; i++)
        {
            EmailAddress address = addresses[i];
            if (!string.IsNullOrWhiteSpace(address.DisplayName))
            {
                tokens.AddRange(Phrase(address.DisplayName.Trim()));
                tokens.Add("<" + address.Address + ">");
            }
            else
            {
                tokens.Add(address.Address);
            }

            if (i < addresses.Count - 1)
            {
                tokens[^1] += ",";
            }
        }

        return tokens;
    }

    /// <summary>RFC 2047 <c>=?utf-8?B?...?=</c> words of at most 42 UTF-8 bytes each, never splitting a code point.</summary>
    public static IReadOnlyList<string> EncodedWords(string text)
    {
        var words = new List<string>();
        var chunk = new List<byte>(EncodedWordBytes);
        Span<byte> encoded = stackalloc byte[4];
        foreach (Rune rune in text.EnumerateRunes())
        {
            int length = rune.EncodeToUtf8(encoded);
            if (chunk.Count + length > EncodedWordBytes)
            {
                words.Add(EncodedWord(chunk));
                chunk.Clear();
            }

            for (int i = 0; i < length; i++)
            {
                chunk.Add(encoded[i]);
            }
        }

        if (chunk.Count > 0 || words.Count == 0)
        {
            words.Add(EncodedWord(chunk));
        }

        return words;
    }

    /// <summary>
    /// <c>name="value"</c> for short printable ASCII; otherwise an ASCII stand-in under <c>name</c> for old readers
    /// plus the exact UTF-8 value under <c>name*</c> (continued in numbered sections when long), per RFC 2231.
    /// Each parameter is one token; all but the last end with <c>;</c>.
    /// </summary>
    public static IReadOnlyList<string> Parameter(string name, string value)
    {
        bool plainAscii = value.Length <= LongestPlainWord && value.All(c => c is >= ' ' and <= '~');
        if (plainAscii)
        {
            return [name + "=" + Quoted(value)];
        }

        var parameters = new List<string> { name + "=" + Quoted(AsciiStandIn(value)) };
        List<string> sections = PercentEncodedSections(value, SectionLength(name));
        if (sections.Count == 1)
        {
            parameters.Add(name + "*=utf-8''" + sections[0]);
        }
        else
        {
            for (int i = 0; i < sections.Count; i++)
            {
                parameters.Add(string.Create(CultureInfo.InvariantCulture, $"{name}*{i}*={(i == 0 ? "utf-8''" : string.Empty)}{sections[i]}"));
            }
        }

        for (int i = 0; i < parameters.Count - 1; i++)
        {
            parameters[i] += ";";
        }

        return parameters;
    }

    /// <summary>The value with every character outside printable ASCII (and quotes and backslashes) replaced by <c>_</c>.</summary>
    public static string AsciiStandIn(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (Rune rune in value.EnumerateRunes())
        {
            builder.Append(rune.Value is >= ' ' and <= '~' and not ('"' or '\\') ? (char)rune.Value : '_');
        }

        string standIn = builder.ToString();
        return standIn.Length <= LongestPlainWord ? standIn : standIn[..(LongestPlainWord - 8)] + "_" + standIn[^7..];
    }

    internal static bool IsAtext(char c) => char.IsAsciiLetterOrDigit(c) || AtextSpecials.Contains(c, StringComparison.Ordinal);

    private static string Quoted(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string EncodedWord(List<byte> bytes) => "=?utf-8?B?" + Convert.ToBase64String(bytes.ToArray()) + "?=";

    // A folded line holds " name*NN*=utf-8''" + section + ";" within 78 characters.
    private static int SectionLength(string name) => Math.Max(24, MaxLineLength - name.Length - 15);

    /// <summary>UTF-8 percent-encoded (attribute-chars stay), cut into sections that fit a line, never inside an escape.</summary>
    private static List<string> PercentEncodedSections(string value, int sectionLength)
    {
        var sections = new List<string>();
        var section = new StringBuilder();
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            char c = (char)b;
            string piece = char.IsAsciiLetterOrDigit(c) || AttributeCharSpecials.Contains(c, StringComparison.Ordinal)
                ? c.ToString()
                : "%" + b.ToString("X2", CultureInfo.InvariantCulture);
            if (section.Length + piece.Length > sectionLength)
            {
                sections.Add(section.ToString());
                section.Clear();
            }

            section.Append(piece);
        }

        sections.Add(section.ToString());
        return sections;
    }
}
