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
/// A host runs the messages of one fetch concurrently (up to the queue batch size, plus the next fetch once in-flight
/// work drops to the new-batch threshold). Concurrent calls share metering passes (<see cref="MeteringPasses{T}"/>), so
/// each partition gets their events in one transaction instead of concurrent writers retrying on each other's ETags:
/// calls that arrive while a pass runs wait for the next one, and a pass whose batches bring fewer than
/// <see cref="EventsPerPartitionToStart"/> events per partition they touch (a batch spread over many customers) waits
/// up to <see cref="GatheringWindow"/> for the other messages of the fetch, so their events share its transactions.
/// A message whose payload cannot be read fails alone; a storage failure fails the calls of its pass (each retried,
/// never double counted). Safe to run twice for one message, on any number of hosts.
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

    /// <summary>
    /// Events per partition that make a pass worth starting at once: a transaction holds 100 operations, the events and
    /// the partition's 2-3 hour rows, so a pass with fewer events per partition writes part-empty transactions.
    /// </summary>
    private const int EventsPerPartitionToStart = 90;

    /// <summary>
    /// How long a pass waits for concurrent messages while its partitions are not full. The wait is for work the host
    /// is handing over (a fetch of messages loading their payloads), so it is on the system clock, never the billing
    /// clock (which a simulated clock may hold still).
    /// </summary>
    public static readonly TimeSpan GatheringWindow = TimeSpan.FromMilliseconds(250);

    private MeteringPasses<PendingBatch>? passes;

    /// <summary>Meters the batch one message carries; returns once it is metered (with the batches that shared its pass).</summary>
    public async Task MeterAsync(string messageText, CancellationToken cancellationToken)
    {
        var batch = JsonSerializer.Deserialize<UsageBatchMessage>(messageText, IngestionJson.Options)
            ?? throw new InvalidDataException("empty usage batch message");
        using var activity = Hosting.BillingTelemetry.StartFromMessage("usage.meter", batch.TraceParent);
        activity?.SetTag("billing.usage.batch", batch.BatchId);
        var events = batch.Events ?? (batch.Compressed is { } gz ? UsageBatchSender.Gunzip(gz) : await LoadAsync(batch.Blob!, cancellationToken));
        var keys = await tenantUsage.KeysAsync(cancellationToken);
        var partitions = events.Select(e => keys.Locate(e.Customer, e.Meter, e.Id, e.At).PartitionKey).ToHashSet(StringComparer.Ordinal);
        var passes = LazyInitializer.EnsureInitialized(
            ref this.passes,
            () => new MeteringPasses<PendingBatch>(GatheringWindow, TimeProvider.System, FillsItsPartitions, MeterAsync));
        await passes.RunAsync(new PendingBatch(batch, events, partitions), cancellationToken);
    }

    /// <summary>Whether the batches bring, on average, enough events to each partition they touch to fill its transactions.</summary>
    private static bool FillsItsPartitions(IReadOnlyList<PendingBatch> batches)
    {
        var events = batches.Sum(b => b.Events.Count);
        var partitions = batches.Count == 1 ? batches[0].Partitions : batches.SelectMany(b => b.Partitions).ToHashSet(StringComparer.Ordinal);
        return events >= EventsPerPartitionToStart * partitions.Count;
    }

    private async Task MeterAsync(IReadOnlyList<PendingBatch> batches, CancellationToken cancellationToken)
    {
        LogPass(batches.Count, batches.Sum(b => b.Events.Count), batches.SelectMany(b => b.Partitions).Distinct(StringComparer.Ordinal).Count());
        var meterable = new List<MeterableUsage>();
        var queuedOf = new Dictionary<MeterableUsage, QueuedUsage>(ReferenceEqualityComparer.Instance);
        var marks = new HashSet<(string Invoiced, string Customer, string Meter, DateOnly Day)>();
        foreach (var queued in batches.SelectMany(b => b.Events))
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
        Hosting.BillingTelemetry.EventsMetered.Add(result.Metered);
        if (result.Conflicts.Count > 0)
        {
            Hosting.BillingTelemetry.EventsRejected.Add(result.Conflicts.Count, Hosting.BillingTelemetry.Tag("reason", "conflict"));
        }

        if (result.Parked.Count > 0)
        {
            Hosting.BillingTelemetry.EventsRejected.Add(result.Parked.Count, Hosting.BillingTelemetry.Tag("reason", "parked"));
        }
        var metered = result.MeteredIds.ToHashSet(StringComparer.Ordinal);
        foreach (var (batch, events) in batches.Select(b => (b.Batch, b.Events)))
        {
            // Each batch is told the events it brought that were stored now; an id that two batches carry counts for the first.
            var mine = events.Count(e => metered.Remove(e.Id));
            var ids = events.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            LogMetered(batch.BatchId, mine, events.Count - mine, result.Conflicts.Count(c => ids.Contains(c.EventId)), result.Parked.Count(p => ids.Contains(p.Usage.Event.Id)));
        }

        if (result.Metered > 0 && await directory.CatalogAsync(cancellationToken) is { } catalog)
        {
            spikes.Observe(meterable.Where(m => catalog.Catalog.Meters.TryGetValue(m.Event.Meter, out var meter) && meter.IsDeductible));
            collectionsMonitor.Observe(meterable.Select(m => m.Event.Customer).Distinct());
        }

        foreach (var blob in batches.Select(b => b.Batch.Blob).OfType<string>())
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Metering pass: {Batches} batches, {Events} events, {Partitions} partitions")]
    private partial void LogPass(int batches, int events, int partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage event {EventId} of {Customer} parked: {Reason}")]
    private partial void LogParked(string eventId, string customer, string reason);

    /// <summary>A message's batch and the usage partitions its events go to.</summary>
    private sealed record PendingBatch(UsageBatchMessage Batch, IReadOnlyList<QueuedUsage> Events, IReadOnlySet<string> Partitions);
}
