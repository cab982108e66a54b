using System.Security.Cryptography;
using System.Text;

namespace Billing.Application.Security;

/// <summary>
/// Compares a presented API key with configured ones through their SHA-256 digests, in constant time per key,
/// so neither the key's length nor its prefix leaks through timing. Keys are never logged.
/// </summary>
public static class ApiKeys
{
    /// <summary>The SHA-256 digest of a key, as kept for comparison (and for hashed storage of portal keys).</summary>
    public static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>True when the presented key equals one of the accepted digests.</summary>
    public static bool Matches(string? presented, IEnumerable<byte[]> acceptedDigests)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var digest = Digest(presented);
        var match = false;
        foreach (var accepted in acceptedDigests)
        {
            match |= CryptographicOperations.FixedTimeEquals(digest, accepted);
        }

        return match;
    }

    /// <summary>A new random key (32 bytes, URL-safe Base64) for portal access or ingestion.</summary>
    public static string Create() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
