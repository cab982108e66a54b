using System.Security.Cryptography;
using System.Text;

namespace Billing.Application.Email;

/// <summary>
/// Where a message id's email lives in the outbox: its <c>/</c>-separated segments with every character outside
/// letters, digits, <c>.</c>, <c>_</c> and <c>-</c> replaced by <c>_</c>, plus <c>.eml</c>
/// (<c>invoice/INV-2026-000001</c> -> <c>invoice/INV-2026-000001.eml</c>). When anything had to be replaced, a
/// digest of the exact id is appended (<c>receipt/pay_1-3f2a...eml</c>) so two ids never share one blob.
/// </summary>
public static class OutboxNames
{
    public const string Extension = ".eml";

    public static string BlobName(string messageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        bool changed = false;
        string[] segments = messageId.Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            string segment = segments[i];
            var clean = new StringBuilder(segment.Length);
            foreach (char c in segment)
            {
                bool keep = char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
                clean.Append(keep ? c : '_');
                changed |= !keep;
            }

            if (clean.Length == 0 || clean.ToString() is "." or "..")
            {
                clean.Clear().Append('_');
                changed = true;
            }

            segments[i] = clean.ToString();
        }

        string name = string.Join('/', segments);
        if (changed || name.Length > 200)
        {
            string digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..16];
            name = (name.Length > 200 ? name[..200] : name) + "-" + digest;
        }

        return name + Extension;
    }
}
