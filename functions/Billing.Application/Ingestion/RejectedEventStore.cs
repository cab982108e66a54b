using System.Security.Cryptography;
using System.Text;
using Billing.Storage;
using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Application.Ingestion;

/// <summary>
/// The <c>usagerejections</c> table: one row per customer and refused event id (PartitionKey the customer,
/// RowKey the event id, both escaped; an id too long for a key is keyed by its SHA-256). The first refusal of
/// an id is kept: a redelivered batch refuses the same events again and changes nothing. A parked event's
/// content is kept in the <c>usage-payloads</c> container under <see cref="ParkedPrefix"/> (by the SHA-256 of its id),
/// named on its row (<c>Parked</c>).
/// </summary>
public sealed class RejectedEventStore(IStorageAccount storage, TimeProvider clock)
{
    public const string TableName = "usagerejections";
    public const string ParkedPrefix = "parked/";

    private const int MaxKeyLength = 1024;

    private readonly ITableClient table = storage.GetTableClient(TableName);

    /// <summary>Records a refusal unless the id was refused before; <paramref name="parkedBlob"/> names the kept content.</summary>
    public async Task RecordAsync(string customer, string eventId, DateTimeOffset at, string reason, string? parkedBlob, CancellationToken ct)
    {
        var row = new TableEntity(Key(customer), Key(eventId))
        {
            ["EventId"] = eventId.Length > MaxKeyLength ? eventId[..MaxKeyLength] : eventId,
            ["Customer"] = customer.Length > MaxKeyLength ? customer[..MaxKeyLength] : customer,
            ["At"] = at,
            ["Reason"] = reason,
            ["RejectedAt"] = clock.GetUtcNow(),
        };
        if (parkedBlob is not null)
        {
            row["Parked"] = parkedBlob;
        }

        try
        {
            await table.AddEntityAsync(row, ct);
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            // Refused before (a redelivery, or another repeat of the id): the first record stands.
        }
    }

    /// <summary>Keeps a parked event's content (as queued) where operators can read it; returns the blob's name.</summary>
    public async Task<string> ParkAsync(string customer, string eventId, BinaryData content, CancellationToken ct)
    {
        var name = $"{ParkedPrefix}{Key(customer)}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)))}.json";
        await storage.GetBlobContainerClient(UsageBatchSender.PayloadContainer)
            .UploadBlobAsync(name, content, new Storage.Blobs.BlobUploadOptions { ContentType = "application/json" }, ct);
        return name;
    }

    /// <summary>The customer's refused events, in event-time order (ties by id).</summary>
    public async Task<IReadOnlyList<RejectedEvent>> ListAsync(string customer, CancellationToken ct)
    {
        var rejected = new List<RejectedEvent>();
        await foreach (var row in table.QueryAsync(TableFilter.Create($"PartitionKey eq {Key(customer)}"), cancellationToken: ct))
        {
            rejected.Add(new RejectedEvent(
                row.GetString("EventId") ?? KeyEscaping.Unescape(row.RowKey),
                row.GetDateTimeOffset("At") ?? default,
                row.GetString("Reason") ?? string.Empty,
                row.GetDateTimeOffset("RejectedAt") ?? row.Timestamp ?? default));
        }

        return [.. rejected.OrderBy(r => r.At).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>An escaped key, or the SHA-256 of a value whose escaped form is too long for a key.</summary>
    private static string Key(string value) => KeyEscaping.EscapeWithin(value, MaxKeyLength);
}
