using System.Globalization;
using Billing.Storage.Blobs;

namespace Billing.Application.Email;

/// <summary>The outbox blobs' metadata names, and the percent-encoding that keeps any text within ASCII metadata.</summary>
public static class OutboxMetadata
{
    public const string MessageId = "messageid";
    public const string To = "to";
    public const string Subject = "subject";
    public const string SentAt = "sentat";

    public static string Encode(string text) => Uri.EscapeDataString(text);

    /// <summary>The decoded value, or an empty string when the blob lacks it.</summary>
    public static string Read(BlobProperties properties, string name)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return properties.Metadata.TryGetValue(name, out string? value) ? Uri.UnescapeDataString(value) : string.Empty;
    }

    /// <summary>When the email was written, by the sender's clock; the blob's last-modified time if unrecorded.</summary>
    public static DateTimeOffset SentAtOf(BlobProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return properties.Metadata.TryGetValue(SentAt, out string? value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset sentAt)
            ? sentAt
            : properties.LastModified;
    }
}
