using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Billing.Application.Rendering;

/// <summary>
/// Makes a saved PDFsharp document's bytes a function of its content. PDFsharp draws two kinds of identifier at
/// random: the six-letter tags of embedded font subsets (<c>/BaseFont/GXNCWX+DejaVu#20Sans</c>) and the XMP
/// metadata's document and instance uuids. Each distinct one is replaced, in order of first appearance, by one
/// derived from a seed (the invoice number): the same tag everywhere it appears, so font references stay
/// consistent, and of the same length, so the cross-reference offsets stay valid. Nothing else is touched: the
/// tags are only matched after <c>/BaseFont/</c> or <c>/FontName/</c>, and uuids only inside the XMP packet.
/// </summary>
public static partial class PdfIdentifiers
{
    /// <summary>The document with its random identifiers replaced by ones derived from <paramref name="seed"/>.</summary>
    public static byte[] Stabilize(byte[] pdf, string seed)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(seed);

        // Latin-1 maps every byte to one char and back, so offsets and binary streams survive the round trip.
        var text = Encoding.Latin1.GetString(pdf);
        var replacements = new Dictionary<string, string>(StringComparer.Ordinal);
        text = SubsetTag().Replace(text, m => m.Groups["key"].Value + Derived(replacements, m.Groups["tag"].Value, seed, Tag) + "+");

        var start = text.IndexOf("<x:xmpmeta", StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf("</x:xmpmeta>", start, StringComparison.Ordinal);
        if (end > start)
        {
            var packet = XmpUuid().Replace(text[start..end], m => "uuid:" + Derived(replacements, m.Groups["id"].Value, seed, Uuid));
            text = string.Concat(text.AsSpan(0, start), packet, text.AsSpan(end));
        }

        return Encoding.Latin1.GetBytes(text);
    }

    private static string Derived(Dictionary<string, string> replacements, string original, string seed, Func<byte[], string> shape)
    {
        if (!replacements.TryGetValue(original, out var replacement))
        {
            var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{replacements.Count}"));
            replacement = shape(digest);
            replacements[original] = replacement;
        }

        return replacement;
    }

    private static string Tag(byte[] digest) => string.Concat(digest.Take(6).Select(b => (char)('A' + (b % 26))));

    private static string Uuid(byte[] digest)
    {
        var bytes = digest.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5 style: name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    [GeneratedRegex(@"(?<key>/(?:BaseFont|FontName)/)(?<tag>[A-Z]{6})\+", RegexOptions.CultureInvariant)]
    private static partial Regex SubsetTag();

    [GeneratedRegex(@"uuid:(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})", RegexOptions.CultureInvariant)]
    private static partial Regex XmpUuid();
}
