using System.Globalization;
using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Storage.Collections;

/// <summary>
/// The delivery log of outgoing webhooks (table <c>webhookdeliveries</c>, PartitionKey <c>{webhook}|{customer}</c>, RowKey
/// the sequence). Queuing is an insert keyed by the sequence, so a notification queued twice is delivered once; rows
/// stay as the log of what was sent, when, and after how many attempts.
/// </summary>
public sealed class WebhookDeliveryStore(ITableClient table)
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";

    /// <summary>Queues the delivery unless it was queued before.</summary>
    public async Task QueueAsync(WebhookDelivery delivery, CancellationToken ct = default)
    {
        try
        {
            await table.AddEntityAsync(Row(delivery), ct);
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            // Queued before (a rerun of the status change): one delivery.
        }
    }

    /// <summary>Every pending delivery, by partition and sequence.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> PendingAsync(CancellationToken ct = default) =>
        await QueryAsync(TableFilter.Create($"Status eq {Pending}"), ct);

    /// <summary>The log of one customer's deliveries (all webhooks).</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> ForCustomerAsync(string customer, CancellationToken ct = default) =>
        await QueryAsync(TableFilter.Create($"Customer eq {customer}"), ct);

    public async Task UpdateAsync(WebhookDelivery delivery, CancellationToken ct = default) =>
        await table.UpsertEntityAsync(Row(delivery), TableUpdateMode.Replace, ct);

    private async Task<IReadOnlyList<WebhookDelivery>> QueryAsync(string filter, CancellationToken ct)
    {
        var deliveries = new List<WebhookDelivery>();
        await foreach (var row in table.QueryAsync(filter, cancellationToken: ct))
        {
            deliveries.Add(new WebhookDelivery(
                row.GetInt32("Webhook") ?? 0,
                row.GetString("Customer") ?? string.Empty,
                KeyEscaping.Unescape(row.RowKey),
                row.GetString("Payload") ?? "{}",
                row.GetString("Status") ?? Pending,
                row.GetInt32("Attempts") ?? 0,
                row.GetDateTimeOffset("NextAttemptAt") ?? default,
                row.GetString("LastError"),
                row.GetDateTimeOffset("DeliveredAt")));
        }

        return deliveries.OrderBy(d => d.Webhook).ThenBy(d => d.Customer, StringComparer.Ordinal).ThenBy(d => d.Sequence, StringComparer.Ordinal).ToList();
    }

    private static TableEntity Row(WebhookDelivery delivery)
    {
        var row = new TableEntity(
            KeyEscaping.Escape(string.Create(CultureInfo.InvariantCulture, $"{delivery.Webhook}|{delivery.Customer}")),
            KeyEscaping.Escape(delivery.Sequence))
        {
            ["Webhook"] = delivery.Webhook,
            ["Customer"] = delivery.Customer,
            ["Payload"] = delivery.Payload,
            ["Status"] = delivery.Status,
            ["Attempts"] = delivery.Attempts,
            ["NextAttemptAt"] = delivery.NextAttemptAt,
        };
        if (delivery.LastError is not null)
        {
            row["LastError"] = delivery.LastError;
        }

        if (delivery.DeliveredAt is { } at)
        {
            row["DeliveredAt"] = at;
        }

        return row;
    }
}
