using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Storage.Collections;

/// <summary>
/// Service status per customer (table <c>servicestatus</c>, PartitionKey the customer, RowKey <c>status~{customer}</c>,
/// see <see cref="ScopedRowKey"/>): one point read to check, replaced as a whole.
/// </summary>
public sealed class ServiceStatusStore(ITableClient table)
{
    public async Task<ServiceStatus> GetAsync(string customer, CancellationToken ct = default)
    {
        var row = await table.GetEntityIfExistsAsync(KeyEscaping.Escape(customer), RowKey(customer), ct);
        return row is null
            ? ServiceStatus.Active(customer)
            : new ServiceStatus(
                customer,
                row.GetString("Status") ?? "active",
                row.GetString("Reason") ?? string.Empty,
                row.GetDateTimeOffset("Since") ?? default,
                row.GetString("DunningLevel") ?? "active",
                row.GetBoolean("CreditSuspended") ?? false,
                row.ETag.ToString());
    }

    public async Task SetAsync(ServiceStatus status, CancellationToken ct = default) =>
        await table.UpsertEntityAsync(
            new TableEntity(KeyEscaping.Escape(status.Customer), RowKey(status.Customer))
            {
                ["Status"] = status.Status,
                ["Reason"] = status.Reason,
                ["Since"] = status.Since,
                ["DunningLevel"] = status.DunningLevel,
                ["CreditSuspended"] = status.CreditSuspended,
            },
            TableUpdateMode.Replace,
            ct);

    private static string RowKey(string customer) => ScopedRowKey.Of("status", KeyEscaping.Escape(customer));
}
