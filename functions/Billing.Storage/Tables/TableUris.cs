namespace Billing.Storage.Tables;

/// <summary>Table service addresses: the table, one entity by its keys (quotes doubled, then percent-encoded), and $batch.</summary>
internal static class TableUris
{
    public static Uri Table(Uri endpoint, string table) => new(endpoint.AbsoluteUri.TrimEnd('/') + "/" + table);

    public static Uri Entity(Uri tableUri, string partitionKey, string rowKey) =>
        new($"{tableUri.AbsoluteUri}(PartitionKey='{Key(partitionKey)}',RowKey='{Key(rowKey)}')");

    private static string Key(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));
}
