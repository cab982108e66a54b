using System.Globalization;
using Billing.Storage.Tables;

namespace Billing.Storage.Usage;

/// <summary>
/// Days that received usage after their billing period had ended (table <c>usagemarkers</c>, PartitionKey the
/// invoiced customer, RowKey <c>{customer}|{meter}|{yyyyMMdd}</c>). The metering function marks the day before it
/// writes the usage, so a settlement can find usage that reached an already settled period (late usage, or a
/// batch that raced the settlement) without scanning history. Marking is idempotent.
/// </summary>
public sealed class UsageMarkers(ITableClient table)
{
    public async Task MarkAsync(string invoicedCustomer, string customer, string meter, DateOnly day, CancellationToken ct = default) =>
        await table.UpsertEntityAsync(
            new TableEntity(KeyEscaping.Escape(invoicedCustomer), RowKey(customer, meter, day)) { ["Customer"] = customer, ["Meter"] = meter, ["Day"] = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) },
            TableUpdateMode.Replace,
            ct);

    /// <summary>The marked (customer, meter, day) triples of an invoiced customer.</summary>
    public async Task<IReadOnlyList<(string Customer, string Meter, DateOnly Day)>> ForAsync(string invoicedCustomer, CancellationToken ct = default)
    {
        var marks = new List<(string, string, DateOnly)>();
        await foreach (var row in table.QueryAsync(TableFilter.Create($"PartitionKey eq {KeyEscaping.Escape(invoicedCustomer)}"), cancellationToken: ct))
        {
            marks.Add((row.GetString("Customer")!, row.GetString("Meter")!, DateOnly.ParseExact(row.GetString("Day")!, "yyyyMMdd", CultureInfo.InvariantCulture)));
        }

        return marks;
    }

    private static string RowKey(string customer, string meter, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{KeyEscaping.Escape(customer)}|{KeyEscaping.Escape(meter)}|{day:yyyyMMdd}");
}
