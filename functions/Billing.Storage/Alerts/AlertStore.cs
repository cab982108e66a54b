using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Storage.Alerts;

/// <summary>
/// Alerts in the <c>alerts</c> table (PartitionKey the customer, RowKey <c>{kind}|{key}</c>). Recording is an
/// insert, so an alert raised twice (retries, several hosts) is stored, and notified, once.
/// </summary>
public sealed class AlertStore(ITableClient table)
{
    /// <summary>Records the alert; false when it was recorded before.</summary>
    public async Task<bool> TryRecordAsync(AlertRecord alert, CancellationToken ct = default)
    {
        try
        {
            await table.AddEntityAsync(
                new TableEntity(KeyEscaping.Escape(alert.Customer), KeyEscaping.Escape(alert.Kind + "|" + alert.Key))
                {
                    ["Customer"] = alert.Customer,
                    ["Kind"] = alert.Kind,
                    ["Key"] = alert.Key,
                    ["At"] = alert.At,
                    ["Detail"] = alert.Detail,
                },
                ct);
            return true;
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            return false;
        }
    }

    /// <summary>The customer's alerts, oldest first.</summary>
    public async Task<IReadOnlyList<AlertRecord>> ForCustomerAsync(string customer, CancellationToken ct = default) =>
        await QueryAsync(TableFilter.Create($"PartitionKey eq {KeyEscaping.Escape(customer)}"), ct);

    /// <summary>Every customer's alerts of one kind, oldest first (for operators).</summary>
    public async Task<IReadOnlyList<AlertRecord>> OfKindAsync(string kind, CancellationToken ct = default) =>
        await QueryAsync(TableFilter.Create($"Kind eq {kind}"), ct);

    private async Task<IReadOnlyList<AlertRecord>> QueryAsync(string filter, CancellationToken ct)
    {
        var alerts = new List<AlertRecord>();
        await foreach (var row in table.QueryAsync(filter, cancellationToken: ct))
        {
            alerts.Add(new AlertRecord(
                row.GetString("Customer") ?? string.Empty,
                row.GetString("Kind") ?? string.Empty,
                row.GetString("Key") ?? string.Empty,
                row.GetDateTimeOffset("At") ?? default,
                row.GetString("Detail") ?? string.Empty));
        }

        return alerts.OrderBy(a => a.At).ToList();
    }
}
