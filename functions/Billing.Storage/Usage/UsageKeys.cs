using System.Globalization;
using System.Text;
using Billing.Domain.Periods;
using Billing.Storage.Tables;

namespace Billing.Storage.Usage;

/// <summary>
/// Where usage lives in the usage table. PartitionKey <c>{customer}|{meter}|{yyyyMMdd}|{shard}</c>, the date
/// being the tenant's local calendar day of the event (so billing periods, which start at local midnight,
/// cover whole partitions); the shard spreads one busy customer's day over several partitions. In each
/// partition: event rows <c>e:{id}</c>, hourly aggregate rows <c>!h{NN}~{partition}</c> (NN = hours since local
/// midnight, 00-24 on daylight-saving days) and distinct-value markers <c>u:{value}~{partition}</c>
/// (<see cref="ScopedRowKey"/>: these keys repeat in every partition).
/// </summary>
public sealed class UsageKeys(BillingCalendar calendar, int shards)
{
    public const string AggregatePrefix = "!h";
    public const string EventPrefix = "e:";
    public const string DistinctPrefix = "u:";

    public int Shards { get; } = shards;

    public BillingCalendar Calendar { get; } = calendar;

    /// <summary>The partition and hourly aggregate row of an event.</summary>
    public (string PartitionKey, string HourRow) Locate(string customer, string meter, string eventId, DateTimeOffset at)
    {
        var day = Calendar.LocalDate(at);
        var midnight = Calendar.StartOfDay(day);
        var hour = (int)Math.Floor((at - midnight).TotalHours);
        var partitionKey = PartitionKey(customer, meter, day, Shard(eventId));
        return (partitionKey, HourRow(partitionKey, hour));
    }

    public string PartitionKey(string customer, string meter, DateOnly day, int shard) =>
        string.Create(CultureInfo.InvariantCulture, $"{KeyEscaping.Escape(customer)}|{KeyEscaping.Escape(meter)}|{day:yyyyMMdd}|{shard}");

    /// <summary>
    /// The partition listing the local days on which a customer's meter has usage (one row per day, RowKey
    /// <c>yyyyMMdd~{partition}</c>), so reads visit only those days' partitions.
    /// </summary>
    public static string DayIndexPartition(string customer, string meter) =>
        $"{KeyEscaping.Escape(customer)}|{KeyEscaping.Escape(meter)}|days";

    public static string HourRow(string partitionKey, int hour) => ScopedRowKey.Of(AggregatePrefix + hour.ToString("D2", CultureInfo.InvariantCulture), partitionKey);

    /// <summary>The day index row of a local day.</summary>
    public static string DayIndexRow(string customer, string meter, DateOnly day) =>
        ScopedRowKey.Of(day.ToString("yyyyMMdd", CultureInfo.InvariantCulture), DayIndexPartition(customer, meter));

    public static string EventRow(string eventId) => EventPrefix + KeyEscaping.Escape(eventId);

    public static string DistinctRow(string partitionKey, string value) => ScopedRowKey.Of(DistinctPrefix + KeyEscaping.Escape(value), partitionKey);

    /// <summary>The shard of an event id: a stable hash (the same on every host and run), modulo the shard count.</summary>
    public int Shard(string eventId)
    {
        if (Shards <= 1)
        {
            return 0;
        }

        // FNV-1a over the UTF-8 bytes: fixed by specification, unlike string.GetHashCode, which is randomised per process.
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(eventId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % (uint)Shards);
    }
}
