using Billing.Application.Accounts;
using Billing.Application.Ingestion;
using Billing.Application.Security;
using Billing.Storage;

namespace Billing.Application.Hosting;

/// <summary>
/// Creates the tables, queues and containers the functions use before the host takes requests
/// (hosted services start before the server listens). Creating what exists is a no-op.
/// </summary>
public sealed class StorageBootstrap(IStorageAccount storage) : IHostedService
{
    public const string CatalogTable = "catalog";
    public const string CustomersTable = "customers";
    public const string SettledPeriodsTable = "settledperiods";
    public const string AlertsTable = "alerts";
    public const string UsageMarkersTable = "usagemarkers";
    public const string PaymentsTable = "payments";
    public const string PaymentPlansTable = "paymentplans";
    public const string InvoicesTable = "invoices";
    public const string InvoiceNumbersTable = "invoicenumbers";
    public const string TimelineTable = "timeline";
    public const string StatusTable = "servicestatus";
    public const string WebhookDeliveriesTable = "webhookdeliveries";

    /// <summary>Every table the application uses; each must exist before the host is ready.</summary>
    public static IReadOnlyList<string> RequiredTables => Tables;

    /// <summary>Every queue the application uses, poison queues included.</summary>
    public static IReadOnlyList<string> RequiredQueues => Queues;

    /// <summary>Every blob container the application uses.</summary>
    public static IReadOnlyList<string> RequiredContainers => Containers;

    private static readonly string[] Tables =
        [CatalogTable, CustomersTable, SettledPeriodsTable, AlertsTable, UsageMarkersTable, PaymentsTable, PaymentPlansTable, InvoicesTable, InvoiceNumbersTable, TimelineTable, StatusTable, WebhookDeliveriesTable, Imports.UsageImporter.StateTable, TenantUsage.TableName, UsageBatchMetering.RejectionsTable, IngestAuthenticator.SignaturesTable, Email.Retries.UndeliveredEmailStore.TableName, Email.Retries.EmailSendLedger.TableName, Events.IntegrationEventOutbox.TableName];

    /// <summary>The suffix of the queue where the Functions host moves a message that failed <c>maxDequeueCount</c> times.</summary>
    public const string PoisonSuffix = "-poison";

    /// <summary>The queues a function is triggered by; each has a poison queue.</summary>
    public static IReadOnlyList<string> TriggerQueues { get; } = [UsageBatchSender.QueueName, Settlement.SettlementRequests.QueueName, Workflows.WorkflowEvents.QueueName];

    /// <summary>The poison queue of each queue a function is triggered by.</summary>
    public static IReadOnlyList<string> PoisonQueues { get; } = [.. TriggerQueues.Select(q => q + PoisonSuffix)];

    private static readonly string[] Queues = [.. TriggerQueues, .. PoisonQueues];

    private static readonly string[] Containers =
        [UsageBatchSender.PayloadContainer, Settlement.SettlementSnapshots.Container, Settlement.InvoiceDelivery.Container, "outbox", Collections.CollectionsService.BackupContainer, Imports.UsageImporter.DropContainer, Email.Retries.UndeliveredEmailStore.Container];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(Tables.Select(t => storage.GetTableClient(t).CreateIfNotExistsAsync(cancellationToken)));
        await Task.WhenAll(Queues.Select(q => storage.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken)));
        await Task.WhenAll(Containers.Select(c => storage.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken)));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
