namespace Billing.Storage.Tables;

/// <summary>
/// A RowKey made unique across partitions by appending its PartitionKey: <c>{key}~{partitionKey}</c>.
/// For rows whose natural key repeats in every partition (an hour of a day, a month, a billing period, an
/// invoice key, "status"). The Table service indexes PartitionKey and RowKey together, so this changes nothing
/// there; Azurite's table store finds a row through its RowKey index and then scans every row sharing that
/// RowKey for the partition, so a repeated RowKey makes each point read and insert cost as much as there are
/// partitions. Readers never parse the suffix: the key's own part comes first (range filters and ordering by
/// it still work, with an exclusive upper bound) and the values they need are stored as properties or fixed
/// prefixes.
/// </summary>
public static class ScopedRowKey
{
    public const char Separator = '~';

    public static string Of(string key, string partitionKey) => key + Separator + partitionKey;
}
