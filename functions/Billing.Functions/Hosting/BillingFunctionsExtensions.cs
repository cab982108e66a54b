using Billing.Domain.Alerts;
using Billing.Functions.Accounts;
using Billing.Functions.Admin;
using Billing.Functions.Alerts;
using Billing.Functions.Configuration;
using Billing.Functions.Ingestion;
using Billing.Functions.Queues;
using Billing.Functions.Security;
using Billing.Storage;
using Billing.Storage.Alerts;
using Billing.Storage.Catalog;
using Billing.Storage.Customers;
using Billing.Storage.Settlement;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Hosting;

/// <summary>Registers the billing functions (HTTP, queue) and their application services, and maps the <c>/api</c> routes.</summary>
public static class BillingFunctionsExtensions
{
    public static WebApplicationBuilder AddBillingFunctions(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Configure<BillingOptions>(builder.Configuration.GetSection(BillingOptions.Section));
        services.Configure<QueueOptions>(builder.Configuration.GetSection(QueueOptions.Section));
        services.AddProblemDetails();
        services.AddSingleton(TimeProvider.System);
        services.AddHostedService<StorageBootstrap>();

        services.AddSingleton(sp => new CatalogStore(sp.GetRequiredService<IStorageAccount>().GetTableClient(StorageBootstrap.CatalogTable)));
        services.AddSingleton(sp => new CustomerStore(sp.GetRequiredService<IStorageAccount>().GetTableClient(StorageBootstrap.CustomersTable)));
        services.AddSingleton(sp => new SettledPeriods(sp.GetRequiredService<IStorageAccount>().GetTableClient(StorageBootstrap.SettledPeriodsTable)));
        services.AddSingleton<BillingDirectory>();
        services.AddSingleton<TenantUsage>();

        services.AddSingleton<IngestAuthenticator>();
        services.AddSingleton<CustomerAccess>();
        services.AddSingleton<AdminKeyFilter>();
        services.AddSingleton<UsageBatchSender>();
        services.AddSingleton<UsageIntake>();
        services.AddSingleton<UsageReports>();
        services.AddSingleton(sp => new AlertStore(sp.GetRequiredService<IStorageAccount>().GetTableClient(StorageBootstrap.AlertsTable)));
        services.AddSingleton(sp => new UsageSpikeRule(sp.GetRequiredService<IOptions<BillingOptions>>().Value.SpikeFactor));
        services.AddSingleton<UsageSpikeMonitor>();

        AddQueueFunction<UsageBatchQueue>(services);
        return builder;
    }

    public static WebApplication MapBillingFunctions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/api/health", () => Results.Ok(new { status = "ok" }));
        IngestUsageHttp.Map(app);
        CustomerUsageHttp.Map(app);
        CustomerEventsHttp.Map(app);
        CustomerAlertsHttp.Map(app);

        var admin = app.MapGroup("/api/admin").AddEndpointFilter<AdminKeyFilter>();
        CatalogAdminHttp.Map(admin);
        CustomerAdminHttp.Map(admin);
        PoisonQueueAdminHttp.Map(admin);
        AlertsAdminHttp.Map(admin);
        return app;
    }

    private static void AddQueueFunction<TFunction>(IServiceCollection services)
        where TFunction : class, IQueueFunction
    {
        services.AddSingleton<TFunction>();
        services.AddSingleton<QueueTriggerService<TFunction>>();
        services.AddSingleton<IQueueActivity>(sp => sp.GetRequiredService<QueueTriggerService<TFunction>>());
        services.AddHostedService(sp => sp.GetRequiredService<QueueTriggerService<TFunction>>());
    }
}
