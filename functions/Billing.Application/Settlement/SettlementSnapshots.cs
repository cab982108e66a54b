using System.Text.Json;
using Billing.Application.Ingestion;
using Billing.Storage;
using Billing.Storage.Blobs;
using Billing.Storage.Usage;

namespace Billing.Application.Settlement;

/// <summary>Settlement snapshots in the <c>settlements</c> container at <c>{customer}/{period}.json</c>, written once.</summary>
public sealed class SettlementSnapshots(IStorageAccount storage)
{
    public const string Container = "settlements";

    private readonly IBlobContainerClient blobs = storage.GetBlobContainerClient(Container);

    /// <summary>The customer's snapshots in period order.</summary>
    public async Task<List<SettlementSnapshot>> ForCustomerAsync(string customer, CancellationToken ct)
    {
        var snapshots = new List<SettlementSnapshot>();
        await foreach (var item in blobs.GetBlobsAsync(KeyEscaping.Escape(customer) + "/", ct))
        {
            snapshots.Add(await ReadAsync(item.Name, ct));
        }

        return snapshots.OrderBy(s => s.SettledAt).ToList();
    }

    /// <summary>The snapshot of the customer's period; null when the period is not settled.</summary>
    public async Task<SettlementSnapshot?> FindAsync(string customer, string period, CancellationToken ct)
    {
        try
        {
            return await ReadAsync(NameOf(customer, period), ct);
        }
        catch (StorageRequestFailedException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Stores the snapshot unless one exists for that period; returns the one that stands.</summary>
    public async Task<SettlementSnapshot> KeepAsync(SettlementSnapshot snapshot, CancellationToken ct)
    {
        var name = NameOf(snapshot.Customer, snapshot.Period);
        try
        {
            await blobs.UploadBlobAsync(name, BinaryData.FromString(JsonSerializer.Serialize(snapshot, IngestionJson.Options)), new BlobUploadOptions { ContentType = "application/json", WriteOnce = true }, ct);
            return snapshot;
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            return await ReadAsync(name, ct);
        }
    }

    private async Task<SettlementSnapshot> ReadAsync(string name, CancellationToken ct)
    {
        var content = await blobs.DownloadContentAsync(name, ct);
        return JsonSerializer.Deserialize<SettlementSnapshot>(content.Content.ToString(), IngestionJson.Options)
            ?? throw new InvalidDataException($"settlement snapshot {name} is empty");
    }

    private static string NameOf(string customer, string period) => $"{KeyEscaping.Escape(customer)}/{period}.json";
}
