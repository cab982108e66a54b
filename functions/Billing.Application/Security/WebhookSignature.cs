using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Billing.Application.Security;

/// <summary>
/// The <c>x-billing-signature</c> scheme: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;body&gt;"&gt;</c>
/// with the shared signing secret. Several <c>v1</c> values may be sent (secret rotation); one must match.
/// A timestamp further than the tolerance from now, in either direction, is stale. Comparison is constant-time.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "x-billing-signature";

    public static TimeSpan Tolerance { get; } = TimeSpan.FromMinutes(5);

    /// <summary>The header value a sender computes for this body at this instant.</summary>
    public static string Sign(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var timestamp = at.ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Convert.ToHexStringLower(Mac(secret, timestamp, body))}");
    }

    /// <summary>Checks a header against the body; <paramref name="timestamp"/> is the signed instant when the header parses.</summary>
    public static SignatureVerdict Verify(string? header, ReadOnlySpan<byte> body, string secret, DateTimeOffset now, out long timestamp)
    {
        timestamp = 0;
        if (string.IsNullOrEmpty(header) || header.Length > 1024)
        {
            return SignatureVerdict.Malformed;
        }

        var candidates = new List<byte[]>();
        long? signedAt = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var separator = part.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                return SignatureVerdict.Malformed;
            }

            var value = part[(separator + 1)..];
            switch (part[..separator])
            {
                case "t" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds):
                    signedAt = seconds;
                    break;
                case "v1" when value.Length == 64 && value.All(char.IsAsciiHexDigit):
                    candidates.Add(Convert.FromHexString(value));
                    break;
                case "t" or "v1":
                    return SignatureVerdict.Malformed;
            }
        }

        if (signedAt is null || candidates.Count == 0)
        {
            return SignatureVerdict.Malformed;
        }

        timestamp = signedAt.Value;
        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > (long)Tolerance.TotalSeconds)
        {
            return SignatureVerdict.Stale;
        }

        var expected = Mac(secret, timestamp, body);
        return candidates.Any(candidate => CryptographicOperations.FixedTimeEquals(candidate, expected))
            ? SignatureVerdict.Valid
            : SignatureVerdict.Mismatch;
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
