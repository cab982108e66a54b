using Billing.Storage.Tables;

namespace Billing.Storage.Catalog;

/// <summary>
/// The catalog's version history in the <c>catalog</c> table, one row per version (<c>v00000001</c>, ...).
/// Publishing inserts the next version's row; the insert is atomic and refused when another publisher took
/// that number first (then the publish re-reads and tries the number after). Rows are never changed, so
/// a crash at any point leaves either the old history or the new one. Publishing a document equal to the
/// latest one adds no version.
/// </summary>
public sealed class CatalogStore(ITableClient table)
{
    private const string Partition = "catalog";

    /// <summary>The latest version, or null before the first publish.</summary>
    public async Task<CatalogVersion?> CurrentAsync(CancellationToken ct = default) =>
        (await HistoryAsync(ct)).LastOrDefault();

    /// <summary>Every version, oldest first.</summary>
    public async Task<IReadOnlyList<CatalogVersion>> HistoryAsync(CancellationToken ct = default)
    {
        var versions = new List<CatalogVersion>();
        var filter = TableFilter.Create($"PartitionKey eq {Partition} and RowKey ge {"v"} and RowKey lt {"w"}");
        await foreach (var row in table.QueryAsync(filter, cancellationToken: ct))
        {
            versions.Add(new CatalogVersion(row.GetInt64("Version") ?? 0, row.GetDateTimeOffset("PublishedAt") ?? default, row.GetString("Json") ?? "{}"));
        }

        return versions;
    }

    /// <summary>Publishes the document as the next version (or returns the latest when it is the same document).</summary>
    public async Task<(CatalogVersion Version, bool Created)> PublishAsync(string json, DateTimeOffset now, CancellationToken ct = default)
    {
        while (true)
        {
            var latest = await CurrentAsync(ct);
            if (latest is not null && latest.Json == json)
            {
                return (latest, false);
            }

            var version = new CatalogVersion((latest?.Version ?? 0) + 1, now, json);
            try
            {
                await table.AddEntityAsync(new TableEntity(Partition, RowOf(version.Version)) { ["Version"] = version.Version, ["PublishedAt"] = now, ["Json"] = json }, ct);
                return (version, true);
            }
            catch (StorageRequestFailedException ex) when (ex.IsConflict)
            {
                // Another publisher took this number; read again and take the next.
            }
        }
    }

    private static string RowOf(long version) => "v" + version.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
}
