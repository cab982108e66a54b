using System.Globalization;
using Billing.Domain.Accounts;
using Billing.Application.Accounts;
using Billing.Storage;
using Billing.Storage.Alerts;
using Billing.Storage.Blobs;
using Billing.Storage.Collections;
using Billing.Storage.Usage;
using Billing.Workflows.Simulation;
using Billing.Workflows.Timeline;

namespace Billing.Application.Collections;

/// <summary>
/// Carries out the collection and alert actions the engine's replay of an account finds due (the same timeline
/// <c>scenario run</c> prints), in time order: each is recorded in the customer's timeline, acted on, and marked done;
/// a run that finds an entry recorded but not done (a crash in between) acts again, and every action is idempotent:
/// emails keep one per message id, backups are write-once, and throttle, suspend and restore set the service status
/// to a state rather than toggling it. Dunning and the credit limit restrict separately; the status is the stronger.
/// </summary>
public sealed partial class CollectionsService(
    TimelineStore timeline,
    ServiceStatusStore statuses,
    AlertStore alerts,
    IStorageAccount storage,
    Events.IntegrationEventPublisher events,
    Settlement.CrashPoints crashes,
    CustomerBackup backup,
    Notices.CollectionNotices notices,
    ILogger<CollectionsService> logger)
{
    public const string BackupContainer = "backups";

    /// <summary>
    /// Carries out the entries due at <paramref name="now"/>, each for the customer and in the language of the documents
    /// that govern its period (see <see cref="Settlement.AccountReplays"/>).
    /// </summary>
    public async Task ExecuteDueAsync(IReadOnlyList<(TimelineEntry Entry, AccountDocuments Documents)> due, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var (entry, documents) in due.Where(d => d.Entry.At <= now))
        {
            if (documents.Family.FirstOrDefault(c => c.Id == entry.Customer) is not { } customer)
            {
                continue;
            }

            var stored = new StoredTimelineEntry(entry.Customer, entry.At, entry.Action, entry.Period, entry.Pack, entry.Cause, entry.Detail);
            if (!await timeline.RecordAsync(stored, ct))
            {
                continue;
            }

            if (await ActAsync(customer, documents.ProfileOf(customer.Id), entry, ct) is { } detail)
            {
                await timeline.SetDetailAsync(stored, detail, ct);
            }

            await timeline.MarkDoneAsync(stored, ct);
            LogActed(entry.Action, entry.Customer, entry.At);
        }
    }

    /// <summary>Carries out the entry; returns a new detail for the timeline when the action has something to tell (the backup's location).</summary>
    private async Task<string?> ActAsync(Customer customer, CustomerProfile profile, TimelineEntry entry, CancellationToken ct)
    {
        switch (entry.Action)
        {
            case TimelineAction.Remind:
                await notices.SendAsync(customer, profile, entry, ct);
                break;
            case TimelineAction.Throttle or TimelineAction.Suspend or TimelineAction.Restore:
                await ChangeStatusAsync(customer.Id, entry, ct);
                await notices.SendAsync(customer, profile, entry, ct);
                break;
            case TimelineAction.Backup:
                return await BackupAsync(customer, entry, ct);
            default:
                var key = string.Create(CultureInfo.InvariantCulture, $"{entry.At.UtcTicks}|{entry.Pack ?? entry.Period}");
                var alert = new AlertRecord(customer.Id, entry.Action, key, entry.At, entry.Detail ?? entry.Action);
                await alerts.TryRecordAsync(alert, ct);
                await events.EmitAsync(Events.IntegrationEvent.AlertRaised(alert), ct);
                await notices.SendAsync(customer, profile, entry, ct);
                break;
        }

        return null;
    }

    private async Task ChangeStatusAsync(string customerId, TimelineEntry entry, CancellationToken ct)
    {
        var current = await statuses.GetAsync(customerId, ct);
        var credit = entry.Cause == TimelineCause.CreditLimit;
        var next = entry.Action switch
        {
            TimelineAction.Suspend when credit => current with { CreditSuspended = true },
            TimelineAction.Restore when credit => current with { CreditSuspended = false },
            TimelineAction.Suspend => current with { DunningLevel = "suspended" },
            TimelineAction.Throttle => current with { DunningLevel = current.DunningLevel == "suspended" ? "suspended" : "throttled" },
            _ => current with { DunningLevel = "active" },
        };
        var (status, reason) = next.CreditSuspended || next.DunningLevel == "suspended"
            ? ("suspended", next.CreditSuspended ? "credit limit exceeded" : $"dunning: invoice for {entry.Period} unpaid")
            : next.DunningLevel == "throttled" ? ("throttled", $"dunning: invoice for {entry.Period} unpaid") : ("active", "in good standing");
        if (status != current.Status)
        {
            // Emitted before the status is written: a crash in between redoes this step and emits the same event id.
            await events.EmitAsync(Events.IntegrationEvent.StatusChanged(customerId, current.Status, status, reason, entry.At, entry.Action, entry.Cause), ct);
        }

        await statuses.SetAsync(next with { Status = status, Reason = reason, Since = status == current.Status ? current.Since : entry.At }, ct);
    }

    /// <summary>The customer's export (<see cref="CustomerBackup"/>), written once before a suspension, with its SHA-256.</summary>
    private async Task<string> BackupAsync(Customer customer, TimelineEntry entry, CancellationToken ct)
    {
        var container = storage.GetBlobContainerClient(BackupContainer);
        await container.CreateIfNotExistsAsync(ct);
        var name = $"{KeyEscaping.Escape(customer.Id)}/{entry.At.UtcDateTime:yyyyMMddHHmmss}.zip";
        string sha256;
        try
        {
            var bytes = await backup.BuildAsync(customer, entry.At, ct);
            sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            await container.UploadBlobAsync(name, BinaryData.FromBytes(bytes), new BlobUploadOptions { ContentType = "application/zip", WriteOnce = true, Metadata = new Dictionary<string, string> { ["sha256"] = sha256 } }, ct);
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            // Written by an earlier run of this step: the first backup stands.
            sha256 = (await container.GetPropertiesAsync(name, ct)).Metadata.GetValueOrDefault("sha256") ?? "unknown";
        }

        await crashes.PassAsync("backup", ct);
        return $"backup {BackupContainer}/{name}, sha256 {sha256}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} for {Customer} at {At}")]
    private partial void LogActed(string action, string customer, DateTimeOffset at);
}
