using System.Globalization;
using System.Text;
using System.Text.Json;
using Billing.Application.Ingestion;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>
/// A full request (1,000 events) travels in its queue message, compressed, whether it holds one customer or is spread
/// over twenty as a gateway's log shipper sends it: no payload blob to upload, download and delete. And every form a
/// message may take still reads back to the same events.
/// </summary>
public sealed class UsageBatchMessageSizeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    public void A_full_request_fits_one_queue_message_compressed(int customers)
    {
        var events = Request(customers);

        var message = JsonSerializer.Serialize(new UsageBatchMessage("b", null, null) { Compressed = UsageBatchSender.Gzip(events) }, IngestionJson.Options);

        var bytes = Encoding.UTF8.GetByteCount(message);
        Assert.True(bytes <= UsageBatchSender.InlineLimitBytes, $"{bytes} bytes for {customers} customers, above the {UsageBatchSender.InlineLimitBytes} inline limit");
    }

    [Fact]
    public void A_compressed_request_reads_back_to_the_same_events()
    {
        var events = Request(20);

        Assert.Equal(events, UsageBatchSender.Gunzip(UsageBatchSender.Gzip(events)));
    }

    /// <summary>1,000 events as the door queues them: spread over 89 minutes, ids of 20 characters, one meter, received at one instant.</summary>
    private static List<QueuedUsage> Request(int customers)
    {
        var received = new DateTimeOffset(2026, 12, 5, 1, 30, 11, 123, TimeSpan.Zero).AddTicks(4567);
        var start = received.AddMinutes(-90);
        return [.. Enumerable.Range(0, 1000).Select(k =>
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"6931c2a0-000037-{k:D4}");
            var customer = string.Create(CultureInfo.InvariantCulture, $"bench-{(37 + k) % customers:D4}");
            var at = start + (TimeSpan.FromMinutes(89) * (k / 1000.0)) + TimeSpan.FromMilliseconds(37);
            var quantity = 1 + (((37 * 31) + k) % 10);
            var body = string.Create(CultureInfo.InvariantCulture, $$$"""{"id":"{{{id}}}","customer":"{{{customer}}}","meter":"api_calls","at":"{{{at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}}","properties":{"quantity":{{{quantity}}},"region":"eu-west"}}""");
            return new QueuedUsage(id, customer, "api_calls", at, received, quantity, null, body);
        })];
    }
}
