using System.Text;

namespace Billing.Application.Http;

/// <summary>
/// The opaque <c>continuationToken</c> of an admin list: base64url (no padding) of the list's name, a colon and the
/// position the list goes on from (the storage's own token, or a key), so a token holds no character a query string or
/// <see cref="Paging"/> refuses. A token is read back only by the list that gave it: text that is not base64url of
/// UTF-8, or names another list, is one this service did not give. The position inside is not otherwise checked: a
/// hand-made one only moves where the list resumes, within what the caller may list anyway.
/// </summary>
public static class PageToken
{
    /// <summary>What a list answers for a token it did not give.</summary>
    public const string NotOurs = "is not a token this service gave";

    /// <summary>The token of <paramref name="position"/> in <paramref name="list"/>; null when there is no next page.</summary>
    public static string? Encode(string list, string? position) =>
        position is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes($"{list}:{position}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The position in <paramref name="list"/> that <paramref name="token"/> names; null for text no page of that list gave.</summary>
    public static string? Decode(string list, string token)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(token);
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        return text.StartsWith(list + ":", StringComparison.Ordinal) ? text[(list.Length + 1)..] : null;
    }
}
