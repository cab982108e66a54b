using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Billing.Storage;
using Billing.Storage.Blobs;
using Billing.Storage.Queues;

namespace Billing.Application.Ingestion;

/// <summary>
/// Puts accepted events on the <c>usage-batches</c> queue, one message per request. A batch that does not fit
/// a queue message goes to a blob in <c>usage-payloads</c> first and the message carries its name, so the
/// answer to the request is given only once the events are durable either way.
/// </summary>
public sealed class UsageBatchSender(IStorageAccount storage)
{
    public const string QueueName = "usage-batches";
    public const string PayloadContainer = "usage-payloads";

    /// <summary>Base64 adds a third; keep the encoded message under the 64 KiB limit with room to spare.</summary>
    public const int InlineLimitBytes = 45 * 1024;

    /// <summary>
    /// The events' JSON array, gzip-compressed, in Base64. At the optimal level rather than the fastest: a full request
    /// spread over many customers (1,000 events) then still fits a message, which spares it a payload blob's upload,
    /// download and delete, for a few milliseconds more CPU at the door.
    /// </summary>
    public static string Gzip(IReadOnlyList<QueuedUsage> events)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            JsonSerializer.Serialize(zip, events, IngestionJson.Options);
        }

        return Convert.ToBase64String(buffer.ToArray());
    }

    /// <summary>The events of a <see cref="Gzip"/> payload.</summary>
    public static IReadOnlyList<QueuedUsage> Gunzip(string payload)
    {
        using var zip = new GZipStream(new MemoryStream(Convert.FromBase64String(payload)), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<List<QueuedUsage>>(zip, IngestionJson.Options) ?? throw new InvalidDataException("empty compressed usage batch");
    }

    private readonly IQueueClient queue = storage.GetQueueClient(QueueName);
    private readonly IBlobContainerClient payloads = storage.GetBlobContainerClient(PayloadContainer);

    public async Task EnqueueAsync(IReadOnlyList<QueuedUsage> events, CancellationToken ct)
    {
        using var activity = Hosting.BillingTelemetry.Source.StartActivity("usage.enqueue", System.Diagnostics.ActivityKind.Producer);
        activity?.SetTag("billing.usage.events", events.Count);
        var batchId = Guid.NewGuid().ToString("N");
        var trace = Hosting.BillingTelemetry.TraceParent();
        var inline = JsonSerializer.Serialize(new UsageBatchMessage(batchId, events, null) { TraceParent = trace }, IngestionJson.Options);
        if (Encoding.UTF8.GetByteCount(inline) <= InlineLimitBytes)
        {
            await queue.SendMessageAsync(inline, cancellationToken: ct);
            return;
        }

        var compressed = JsonSerializer.Serialize(new UsageBatchMessage(batchId, null, null) { Compressed = Gzip(events), TraceParent = trace }, IngestionJson.Options);
        if (Encoding.UTF8.GetByteCount(compressed) <= InlineLimitBytes)
        {
            await queue.SendMessageAsync(compressed, cancellationToken: ct);
            return;
        }

        var blobName = $"{events[0].ReceivedAt.UtcDateTime:yyyy/MM/dd}/{batchId}.json";
        await payloads.UploadBlobAsync(blobName, BinaryData.FromString(inline), new BlobUploadOptions { ContentType = "application/json", WriteOnce = true }, ct);
        await queue.SendMessageAsync(JsonSerializer.Serialize(new UsageBatchMessage(batchId, null, blobName) { TraceParent = trace }, IngestionJson.Options), cancellationToken: ct);
    }
}
