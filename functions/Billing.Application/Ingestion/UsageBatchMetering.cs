using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Billing.Domain.Metering;
using Billing.Application.Accounts;
using Billing.Application.Alerts;
using Billing.Storage;
using Billing.Storage.Settlement;
using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Application.Ingestion;

/// <summary>
/// Meters accepted usage, one <c>usage-batches</c> message (<see cref="UsageBatchMessage"/> JSON) per call: reads the
/// batch (inline, compressed, or from its blob), marks events of already settled periods as late, and writes them
/// exactly once through <see cref="UsageMeteringStore"/>. Repeats of an id with different content, and events Table
/// Storage would not hold (parked, their content kept), are recorded in <see cref="RejectedEventStore"/>, listed at
/// <c>GET /api/customers/{id}/events/rejected</c>; the rest of the batch is metered and the message completes.
/// A message whose payload cannot be read, or a storage failure, throws: the message is retried, never double counted.
/// Safe to run twice for one message, and concurrently: a host runs the messages of one fetch at once (up to the
/// queue batch size, plus the next fetch once in-flight work drops to the new-batch threshold).
/// </summary>
public sealed partial class UsageBatchMetering(
    IStorageAccount storage,
    TenantUsage tenantUsage,
    SettledPeriods settledPeriods,
    UsageMarkers markers,
    BillingDirectory directory,
    RejectedEventStore rejections,
    UsageSpikeMonitor spikes,
    Collections.CollectionsMonitor collectionsMonitor,
    TimeProvider clock,
    ILogger<UsageBatchMetering> logger)
{
    public const string QueueName = UsageBatchSender.QueueName;

    public const string RejectionsTable = RejectedEventStore.TableName;

    /// <summary>Meters the batch one message carries.</summary>
    public async Task MeterAsync(string messageText, CancellationToken cancellationToken)
    {
        var batch = JsonSerializer.Deserialize<UsageBatchMessage>(messageText, IngestionJson.Options)
            ?? throw new InvalidDataException("empty usage batch message");
        var events = batch.Events ?? (batch.Compressed is { } gz ? UsageBatchSender.Gunzip(gz) : await LoadAsync(batch.Blob!, cancellationToken));
        await MeterAsync(batch, events, cancellationToken);
    }

    private async Task MeterAsync(UsageBatchMessage batch, IReadOnlyList<QueuedUsage> events, CancellationToken cancellationToken)
    {
        var meterable = new List<MeterableUsage>();
        var queuedOf = new Dictionary<MeterableUsage, QueuedUsage>(ReferenceEqualityComparer.Instance);
        var marks = new HashSet<(string Invoiced, string Customer, string Meter, DateOnly Day)>();
        foreach (var queued in events)
        {
            var usage = new UsageEvent(queued.Id, queued.Customer, queued.Meter, queued.At, queued.ReceivedAt, queued.Quantity, queued.Distinct);
            var (late, mark) = await ClassifyAsync(usage, cancellationToken);
            var item = new MeterableUsage(usage, Fingerprint(queued.Body), queued.Body, late);
            meterable.Add(item);
            queuedOf[item] = queued;
            if (mark is { } m)
            {
                marks.Add(m);
            }
        }

        // Marked before metering: a settlement that already read these days finds the usage that reaches them.
        foreach (var (invoiced, customer, meter, day) in marks)
        {
            await markers.MarkAsync(invoiced, customer, meter, day, cancellationToken);
        }

        var metering = await tenantUsage.MeteringAsync(cancellationToken);
        var result = await metering.MeterAsync(meterable, cancellationToken);
        await RecordRefusalsAsync(result, queuedOf, cancellationToken);
        LogMetered(batch.BatchId, result.Metered, events.Count - result.Metered, result.Conflicts.Count, result.Parked.Count);

        if (result.Metered > 0 && await directory.CatalogAsync(cancellationToken) is { } catalog)
        {
            spikes.Observe(meterable.Where(m => catalog.Catalog.Meters.TryGetValue(m.Event.Meter, out var meter) && meter.IsDeductible));
            collectionsMonitor.Observe(meterable.Select(m => m.Event.Customer).Distinct());
        }

        if (batch.Blob is { } blob)
        {
            await storage.GetBlobContainerClient(UsageBatchSender.PayloadContainer).DeleteBlobIfExistsAsync(blob, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<QueuedUsage>> LoadAsync(string blob, CancellationToken ct)
    {
        var content = await storage.GetBlobContainerClient(UsageBatchSender.PayloadContainer).DownloadContentAsync(blob, ct);
        var stored = JsonSerializer.Deserialize<UsageBatchMessage>(content.Content.ToString(), IngestionJson.Options);
        return stored?.Events ?? throw new InvalidDataException($"usage payload {blob} holds no events");
    }

    /// <summary>
    /// Whether the event's period is already settled (late usage), and the day to mark when its period has ended:
    /// usage reaching an ended period may miss that period's settlement, which the next settlement then catches.
    /// </summary>
    private async Task<(bool Late, (string, string, string, DateOnly)? Mark)> ClassifyAsync(UsageEvent usage, CancellationToken ct)
    {
        var customer = await directory.CustomerAsync(usage.Customer, ct);
        var catalog = await directory.CatalogAsync(ct);
        if (customer is null || catalog is null)
        {
            return (false, null);
        }

        var invoiced = await directory.CustomerAsync(customer.InvoicedCustomerId, ct) ?? customer;
        var unit = catalog.Catalog.Plans.TryGetValue(invoiced.PlanCode, out var plan) ? plan.Period : Domain.Periods.PeriodUnit.Month;
        var period = catalog.Calendar.PeriodContaining(usage.At, unit);
        if (period.End > clock.GetUtcNow())
        {
            return (false, null);
        }

        var late = await settledPeriods.IsSettledAsync(invoiced.Id, period.Name, ct);
        return (late, (invoiced.Id, usage.Customer, usage.Meter, catalog.Calendar.LocalDate(usage.At)));
    }

    /// <summary>Records each refused and parked event (a parked one's content first, so its row can name it).</summary>
    private async Task RecordRefusalsAsync(MeteringResult result, Dictionary<MeterableUsage, QueuedUsage> queuedOf, CancellationToken ct)
    {
        foreach (var conflict in result.Conflicts)
        {
            await rejections.RecordAsync(conflict.Customer, conflict.EventId, conflict.At, conflict.Reason, null, ct);
        }

        foreach (var parked in result.Parked)
        {
            var usage = parked.Usage.Event;
            var content = queuedOf.TryGetValue(parked.Usage, out var queued)
                ? BinaryData.FromObjectAsJson(queued, IngestionJson.Options)
                : BinaryData.FromString(parked.Usage.Body);
            var blob = await rejections.ParkAsync(usage.Customer, usage.Id, content, ct);
            await rejections.RecordAsync(usage.Customer, usage.Id, usage.At, parked.Reason, blob, ct);
            LogParked(usage.Id, usage.Customer, parked.Reason);
        }
    }

    /// <summary>SHA-256 of the compact event JSON: equal exactly when the content is identical.</summary>
    private static string Fingerprint(string body) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage batch {BatchId}: {Metered} metered, {Duplicates} not new, {Conflicts} conflicts, {Parked} parked")]
    private partial void LogMetered(string batchId, int metered, int duplicates, int conflicts, int parked);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage event {EventId} of {Customer} parked: {Reason}")]
    private partial void LogParked(string eventId, string customer, string reason);
}
