using System.Globalization;
using Billing.Storage.Tables;

namespace Billing.Storage.Usage;

/// <summary>Which events of a partition the Table service will not hold, found before a transaction or from its failure.</summary>
public sealed partial class UsageMeteringStore
{
    /// <summary>Event JSON per transaction: under the 4 MiB request limit however it is encoded (at most 6 bytes a character).</summary>
    private const int MaxChunkBodyChars = 512 * 1024;

    /// <summary>The longest PartitionKey or RowKey the Table service accepts (keys are escaped, so no forbidden character remains).</summary>
    private const int MaxKeyLength = 1024;

    /// <summary>
    /// Events whose row keys the Table service would refuse (longer than 1,024 characters once escaped: a long
    /// distinct value, a long customer id), or whose JSON alone would not fit a transaction's request, are parked
    /// before any transaction, since the client refuses those without saying which operation was at fault.
    /// </summary>
    private static (List<(MeterableUsage Usage, string HourRow)> Storable, List<ParkedUsage> Parked) SeparateUnstorable(
        string partitionKey, List<(MeterableUsage Usage, string HourRow)> items)
    {
        var storable = new List<(MeterableUsage Usage, string HourRow)>(items.Count);
        var parked = new List<ParkedUsage>();
        foreach (var item in items)
        {
            if (item.Usage.Body.Length > MaxChunkBodyChars)
            {
                parked.Add(new ParkedUsage(item.Usage, string.Create(CultureInfo.InvariantCulture, $"refused by Table Storage: the event's JSON is {item.Usage.Body.Length} characters")));
                continue;
            }

            List<(string Name, string Value)> rowKeys = [("PartitionKey", partitionKey), ("RowKey", UsageKeys.EventRow(item.Usage.Event.Id))];
            if (item.Usage.Event.DistinctValue is { } distinct)
            {
                rowKeys.Add(("RowKey", UsageKeys.DistinctRow(partitionKey, distinct)));
            }

            var (name, value) = rowKeys.FirstOrDefault(k => k.Value.Length > MaxKeyLength);
            if (name is not null)
            {
                parked.Add(new ParkedUsage(item.Usage, string.Create(CultureInfo.InvariantCulture, $"refused by Table Storage: {name} of {value.Length} characters; at most {MaxKeyLength}")));
                continue;
            }

            storable.Add(item);
        }

        return (storable, parked);
    }

    /// <summary>
    /// The chunk's events that the failed operation at <paramref name="index"/> stands for: the event it inserts, or
    /// every event carrying the distinct value whose marker it writes. None for an aggregate row or an unknown index.
    /// </summary>
    private static List<(MeterableUsage Usage, string HourRow)> Faulty(
        List<(MeterableUsage Usage, string HourRow)> chunk, List<TableTransactionAction> actions, int? index)
    {
        if (index is not { } i || i < 0 || i >= actions.Count)
        {
            return [];
        }

        if (i < chunk.Count)
        {
            return [chunk[i]];
        }

        return actions[i].Entity.RowKey.StartsWith(UsageKeys.DistinctPrefix, StringComparison.Ordinal) && actions[i].Entity.GetString("Value") is { } value
            ? chunk.Where(c => c.Usage.Event.DistinctValue == value).ToList()
            : [];
    }
}
