using Billing.Storage.Tables;

namespace Billing.Storage.Usage;

/// <summary>The table shape of event rows and hourly aggregate rows.</summary>
internal static class UsageRows
{
    public static TableEntity Event(string partitionKey, MeterableUsage usage)
    {
        var e = usage.Event;
        var row = new TableEntity(partitionKey, UsageKeys.EventRow(e.Id))
        {
            ["Id"] = e.Id,
            ["Customer"] = e.Customer,
            ["Meter"] = e.Meter,
            ["At"] = e.At,
            ["ReceivedAt"] = e.ReceivedAt,
            ["Quantity"] = e.Quantity,
            ["Fingerprint"] = usage.Fingerprint,
            ["Body"] = usage.Body,
            ["Late"] = usage.Late,
        };
        if (e.DistinctValue is not null)
        {
            row["Distinct"] = e.DistinctValue;
        }

        return row;
    }

    public static TableEntity Hour(string partitionKey, string rowKey, HourlyUsage usage) => new(partitionKey, rowKey)
    {
        ["Sum"] = usage.Sum,
        ["Count"] = usage.Count,
        ["Max"] = usage.Max,
        ["LateSum"] = usage.LateSum,
        ["LateCount"] = usage.LateCount,
        ["LateMax"] = usage.LateMax,
    };

    public static HourlyUsage ReadHour(TableEntity row) => new(
        row.GetDecimal("Sum") ?? 0m,
        row.GetInt64("Count") ?? 0,
        row.GetDecimal("Max") ?? 0m,
        row.GetDecimal("LateSum") ?? 0m,
        row.GetInt64("LateCount") ?? 0,
        row.GetDecimal("LateMax") ?? 0m);

    /// <summary>The hour index of an aggregate row key (<c>!h07~...</c> is 7).</summary>
    public static int HourOf(string rowKey) => int.Parse(rowKey.AsSpan(UsageKeys.AggregatePrefix.Length, 2), System.Globalization.CultureInfo.InvariantCulture);
}
