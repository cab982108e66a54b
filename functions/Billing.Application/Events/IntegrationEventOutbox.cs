using Billing.Storage;
using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Application.Events;

/// <summary>
/// The outbox of integration events (table <c>integrationevents</c>, PartitionKey the customer, RowKey the event id): one
/// row per event, written with or right after the fact. Adding is an insert keyed by the id, so an event emitted again
/// (a retried step) keeps its first row, instant and body. A row records whether it was handed to the webhook delivery
/// log (<see cref="StoredIntegrationEvent.FannedOut"/>) and its Service Bus topic state.
/// </summary>
public sealed class IntegrationEventOutbox(ITableClient table)
{
    public const string TableName = "integrationevents";

    /// <summary>Adds the event unless it was added before; returns the stored row (the earlier one after a repeat).</summary>
    public async Task<StoredIntegrationEvent> AddAsync(IntegrationEvent integrationEvent, bool toTopic, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var stored = new StoredIntegrationEvent(
            integrationEvent.Id, integrationEvent.Type, integrationEvent.OccurredAt, integrationEvent.Customer, integrationEvent.ToJson(), false,
            toTopic ? TopicDelivery.Pending : TopicDelivery.NotSent, 0, default, null, null);
        try
        {
            await table.AddEntityAsync(Row(stored), ct);
            return stored;
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            var earlier = await table.GetEntityIfExistsAsync(KeyEscaping.Escape(integrationEvent.Customer), integrationEvent.Id, ct);
            return earlier is null ? stored : Read(earlier);
        }
    }

    /// <summary>Events not yet handed to the webhook delivery log (a crash came in between).</summary>
    public async Task<IReadOnlyList<StoredIntegrationEvent>> NotFannedOutAsync(CancellationToken ct) =>
        await QueryAsync(TableFilter.Create($"FannedOut eq {false}"), ct);

    /// <summary>Events waiting for the Service Bus topic, per customer in the order they occurred.</summary>
    public async Task<IReadOnlyList<StoredIntegrationEvent>> PendingForTopicAsync(CancellationToken ct) =>
        await QueryAsync(TableFilter.Create($"Topic eq {nameof(TopicDelivery.Pending)}"), ct);

    /// <summary>Every event of one customer, in the order they occurred.</summary>
    public async Task<IReadOnlyList<StoredIntegrationEvent>> ForCustomerAsync(string customer, CancellationToken ct) =>
        await QueryAsync(TableFilter.Create($"PartitionKey eq {KeyEscaping.Escape(customer)}"), ct);

    public async Task MarkFannedOutAsync(StoredIntegrationEvent stored, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stored);
        await table.UpsertEntityAsync(new TableEntity(KeyEscaping.Escape(stored.Customer), stored.Id) { ["FannedOut"] = true }, TableUpdateMode.Merge, ct);
    }

    /// <summary>Writes the topic state of the event (and nothing else of the row).</summary>
    public async Task UpdateTopicAsync(StoredIntegrationEvent stored, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var row = new TableEntity(KeyEscaping.Escape(stored.Customer), stored.Id)
        {
            ["Topic"] = stored.Topic.ToString(),
            ["TopicAttempts"] = stored.TopicAttempts,
            ["TopicNextAttemptAt"] = stored.TopicNextAttemptAt,
            ["TopicLastError"] = stored.TopicLastError ?? string.Empty,
        };
        if (stored.TopicSentAt is { } sent)
        {
            row["TopicSentAt"] = sent;
        }

        await table.UpsertEntityAsync(row, TableUpdateMode.Merge, ct);
    }

    private async Task<IReadOnlyList<StoredIntegrationEvent>> QueryAsync(string filter, CancellationToken ct)
    {
        var events = new List<StoredIntegrationEvent>();
        await foreach (var row in table.QueryAsync(filter, cancellationToken: ct))
        {
            events.Add(Read(row));
        }

        return events.OrderBy(e => e.Customer, StringComparer.Ordinal).ThenBy(e => e.OccurredAt).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    private static TableEntity Row(StoredIntegrationEvent stored) => new(KeyEscaping.Escape(stored.Customer), stored.Id)
    {
        ["Type"] = stored.Type.Name(),
        ["OccurredAt"] = stored.OccurredAt,
        ["Customer"] = stored.Customer,
        ["Body"] = stored.Body,
        ["FannedOut"] = stored.FannedOut,
        ["Topic"] = stored.Topic.ToString(),
        ["TopicAttempts"] = stored.TopicAttempts,
        ["TopicNextAttemptAt"] = stored.TopicNextAttemptAt,
    };

    private static StoredIntegrationEvent Read(TableEntity row) => new(
        row.RowKey,
        IntegrationEventTypes.Parse(row.GetString("Type") ?? string.Empty) ?? throw new InvalidDataException($"outbox row {row.RowKey} has no known event type"),
        row.GetDateTimeOffset("OccurredAt") ?? default,
        row.GetString("Customer") ?? string.Empty,
        row.GetString("Body") ?? "{}",
        row.GetBoolean("FannedOut") ?? false,
        Enum.TryParse<TopicDelivery>(row.GetString("Topic"), out var topic) ? topic : TopicDelivery.NotSent,
        row.GetInt32("TopicAttempts") ?? 0,
        row.GetDateTimeOffset("TopicNextAttemptAt") ?? default,
        row.GetString("TopicLastError") is { Length: > 0 } error ? error : null,
        row.GetDateTimeOffset("TopicSentAt"));
}
