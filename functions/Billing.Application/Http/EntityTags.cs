using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Billing.Application.Http;

/// <summary>
/// Entity tags of one form: strong, <c>"</c> + the first 16 hex digits of the SHA-256 of the representation + <c>"</c>,
/// so equal content has an equal tag on every host. <c>If-None-Match</c> matches by the weak comparison HTTP asks
/// for: <c>*</c>, the tag, or the tag marked weak (<c>W/"..."</c>), alone or in a comma-separated list.
/// </summary>
public static class EntityTags
{
    public static string Of(string representation) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(representation)))[..16] + "\"";

    public static bool NoneMatch(StringValues ifNoneMatch, string etag) =>
        ifNoneMatch.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Any(candidate => candidate == "*" || string.Equals(candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate, etag, StringComparison.Ordinal));
}
