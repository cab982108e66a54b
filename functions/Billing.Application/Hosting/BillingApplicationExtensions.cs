using Billing.Domain.Alerts;
using Billing.Application.Accounts;
using Billing.Application.Alerts;
using Billing.Application.Collections;
using Billing.Application.Configuration;
using Billing.Application.Email;
using Billing.Application.Events;
using Billing.Application.Email.Retries;
using Billing.Application.Rendering;
using Billing.Application.Ingestion;
using Billing.Application.Security;
using Billing.Storage;
using Billing.Storage.Alerts;
using Billing.Storage.Collections;
using Billing.Storage.Catalog;
using Billing.Storage.Customers;
using Billing.Storage.Settlement;
using Billing.Storage.Invoicing;
using Billing.Storage.Payments;
using Billing.Storage.Usage;
using Billing.Application.Settlement;
using Billing.Application.Time;
using Billing.Application.Webhooks;
using Billing.Application.Workflows;
using Microsoft.Extensions.Options;

namespace Billing.Application.Hosting;

/// <summary>
/// Registers the application both hosts run: the storage account named by <c>AzureWebJobsStorage</c>, the stores, the
/// services the functions call, and the start-up work (tables, queues and containers created; the simulated clock
/// loaded). Excluded: the triggers themselves, which the function app binds and the local host runs.
/// </summary>
public static class BillingApplicationExtensions
{
    public static IServiceCollection AddBillingApplication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddBillingStorage(configuration);
        services.AddBillingTelemetry(configuration);
        services.Configure<BillingOptions>(configuration.GetSection(BillingOptions.Section));
        TimerSchedules.RefuseUnreadIntervals(configuration);
        services.AddProblemDetails();
        services.AddHostedService<StorageBootstrap>();
        services.AddHostedService<PoisonQueueGauge>();
        AddClock(services, configuration);

        services.AddSingleton(sp => new CatalogStore(sp.GetRequiredService<IStorageAccount>().GetTableClient(StorageBootstrap.CatalogTable)));
        services.AddSingleton(sp => new CustomerStore(sp.GetRequiredService<IStorageAccount>().GetTableClient(StorageBootstrap.CustomersTable)));
        services.AddSingleton(sp => new SettledPeriods(sp.GetRequiredService<IStorageAccount>().GetTableClient(StorageBootstrap.SettledPeriodsTable)));
        services.AddSingleton<BillingDirectory>();
        services.AddSingleton(sp => new UsageMarkers(sp.GetRequiredService<IStorageAccount>().GetTableClient(StorageBootstrap.UsageMarkersTable)));
        services.AddSingleton(sp => new PaymentPlanStore(sp.GetRequiredService<IStorageAccount>().GetTableClient(StorageBootstrap.PaymentPlansTable)));
        services.AddSingleton(sp => new PaymentStore(sp.GetRequiredService<IStorageAccount>().GetTableClient(StorageBootstrap.PaymentsTable)));
        services.AddSingleton(sp => new InvoiceStore(sp.GetRequiredService<IStorageAccount>().GetTableClient(StorageBootstrap.InvoicesTable)));
        services.AddSingleton(sp => new InvoiceNumberAllocator(sp.GetRequiredService<IStorageAccount>().GetTableClient(StorageBootstrap.InvoiceNumbersTable)));
        services.AddSingleton<SettlementSnapshots>();
        services.AddSingleton<UsageBucketReader>();
        services.AddSingleton<SettlementUsage>();
        services.AddSingleton<InvoiceStanding>();
        services.AddSingleton(sp => new TimelineStore(sp.GetRequiredService<IStorageAccount>().GetTableClient(StorageBootstrap.TimelineTable)));
        services.AddSingleton(sp => new ServiceStatusStore(sp.GetRequiredService<IStorageAccount>().GetTableClient(StorageBootstrap.StatusTable)));
        services.AddSingleton<CustomerBackup>();
        services.AddSingleton<CollectionsService>();
        services.AddSingleton<Notices.CollectionNotices>();
        services.AddSingleton<CollectionsMonitor>();
        services.Configure<WebhookOptions>(configuration.GetSection(BillingOptions.Section));
        services.AddSingleton(sp => new WebhookDeliveryStore(sp.GetRequiredService<IStorageAccount>().GetTableClient(StorageBootstrap.WebhookDeliveriesTable)));
        services.AddSingleton(sp => new WebhookDispatcher(
            sp.GetRequiredService<WebhookDeliveryStore>(),
            sp.GetRequiredService<IOptions<WebhookOptions>>(),
            new HttpClient { Timeout = TimeSpan.FromSeconds(10) },
            TimeProvider.System,
            sp.GetRequiredService<ILogger<WebhookDispatcher>>()));
        services.AddIntegrationEvents(configuration);
        services.AddSingleton<SettlementService>();
        services.AddSingleton<PaymentReceipts>();
        services.AddSingleton<PaymentFollowUps>();
        services.AddSingleton<InvoiceReceipts>();
        services.AddSingleton<TenantUsage>();
        services.AddSingleton<CustomerProfiles>();

        services.AddSingleton<IngestAuthenticator>();
        services.AddSingleton<CustomerAccess>();
        services.AddSingleton<AdminKeyFilter>();
        services.AddSingleton<UsageBatchSender>();
        services.AddSingleton<UsageIntake>();
        services.AddSingleton<RejectedEventStore>();
        services.AddSingleton<UsageReports>();
        services.AddSingleton<Imports.UsageImporter>();
        services.AddSingleton(sp => new AlertStore(sp.GetRequiredService<IStorageAccount>().GetTableClient(StorageBootstrap.AlertsTable)));
        services.AddSingleton(sp => new UsageSpikeRule(sp.GetRequiredService<IOptions<BillingOptions>>().Value.SpikeFactor));
        services.AddSingleton<UsageSpikeMonitor>();

        services.AddSingleton<SettlementFanOut>();
        services.AddSingleton<ScheduledSettlement>();
        services.AddSingleton<CustomerSettlement>();
        services.AddSingleton<Collections.Dunning.DunningStarter>();
        services.AddSingleton<Collections.Dunning.DunningActivities>();
        services.AddSingleton<SettlementCycleActivities>();
        services.AddBillingEmail(configuration);
        services.AddEmailRetries(configuration);
        services.AddInvoiceRendering(configuration);
        services.Configure<IssuerOptions>(configuration.GetSection(IssuerOptions.Section));
        services.AddSingleton<InvoiceDelivery>();
        services.AddSingleton<CrashPoints>();
        services.AddSingleton<UsageBatchMetering>();
        services.AddSingleton<SettlementRequests>();
        services.AddSingleton<WorkflowEventSender>();
        services.AddSingleton<WorkflowEvents>();
        return services;
    }

    /// <summary>The system clock, or a simulated clock that <c>POST /api/manage/clock/advance</c> moves.</summary>
    private static void AddClock(IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(BillingOptions.Section).Get<BillingOptions>() ?? new BillingOptions();
        // A misconfigured ladder stops the host at start-up, naming the setting.
        services.AddSingleton(new DunningLadders(DunningLadderSettings.Ladders(settings)));
        if (settings.SimulatedClock)
        {
            services.AddSingleton(sp => new SimulatedClock(sp.GetRequiredService<IStorageAccount>(), settings.ClockStart ?? TimeProvider.System.GetUtcNow()));
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<SimulatedClock>());
            services.AddHostedService<SimulatedClockLoader>();
            services.AddSingleton<ClockAdvancer>();
            services.AddSingleton<AdvanceFailures>();
            services.AddSingleton<DunningClock>();
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
