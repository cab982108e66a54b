using System.Globalization;
using System.Text;

namespace Billing.Storage.Queues;

/// <summary>The message encoding and the service limits both queue clients enforce before any request.</summary>
internal static class QueueMessageRules
{
    public const int MaxEncodedBytes = 64 * 1024;
    public const int MaxReceive = 32;
    public static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromDays(7);
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromDays(7);
    public static readonly TimeSpan DefaultReceiveVisibility = TimeSpan.FromSeconds(30);

    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        if (encoded.Length > MaxEncodedBytes)
        {
            throw new ArgumentException(
                $"A queue message is at most 64 KiB once Base64-encoded; this one is {encoded.Length:N0} bytes.", nameof(text));
        }

        return encoded;
    }

    public static string Decode(string encoded)
    {
        byte[] buffer = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, buffer, out int written)
            ? Encoding.UTF8.GetString(buffer, 0, written)
            : encoded;
    }

    public static int Seconds(TimeSpan value, TimeSpan min, TimeSpan max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }

        return (int)Math.Ceiling(value.TotalSeconds);
    }

    /// <summary>Time to live in whole seconds, -1 for never expiring.</summary>
    public static int TimeToLiveSeconds(TimeSpan? timeToLive)
    {
        TimeSpan ttl = timeToLive ?? DefaultTimeToLive;
        if (ttl == Timeout.InfiniteTimeSpan)
        {
            return -1;
        }

        return Seconds(ttl, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(int.MaxValue), "timeToLive");
    }

    public static void ValidateSend(int visibilitySeconds, int ttlSeconds)
    {
        if (ttlSeconds != -1 && visibilitySeconds >= ttlSeconds)
        {
            throw new ArgumentOutOfRangeException(
                "visibilityTimeout", visibilitySeconds.ToString(CultureInfo.InvariantCulture) + " s", "The visibility timeout must be shorter than the time to live.");
        }
    }

    public static void ValidateReceiveCount(int maxMessages)
    {
        if (maxMessages is < 1 or > MaxReceive)
        {
            throw new ArgumentOutOfRangeException(nameof(maxMessages), maxMessages, "Receive between 1 and 32 messages at a time.");
        }
    }
}
