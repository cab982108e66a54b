using Billing.Application.Hosting;
using Billing.Application.Queues;
using Billing.Functions.Health;
using Billing.Storage;
using Billing.Storage.Connection;

namespace Billing.LocalHost.Functions;

/// <summary>Registers and serves the function app's functions (<see cref="FunctionIndex"/>) with the settings of its <c>host.json</c>.</summary>
public static class LocalFunctionsExtensions
{
    /// <summary>The function app's assembly.</summary>
    public static System.Reflection.Assembly FunctionApp => typeof(HealthHttp).Assembly;

    public static IServiceCollection AddLocalFunctions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => HostJson.Load(sp.GetRequiredService<IConfiguration>()));
        IReadOnlyList<FunctionDefinition> functions = FunctionIndex.Scan(FunctionApp);
        services.AddSingleton(functions);
        AddTimerFunctions(services, functions);
        foreach (FunctionDefinition function in functions.Where(f => f.Trigger is QueueFunctionTrigger))
        {
            AddQueueListener(services, function);
        }

        return services;
    }

    /// <summary>One <see cref="TimerFunctionService"/> per timer function, sharing the schedule locks.</summary>
    private static void AddTimerFunctions(IServiceCollection services, IEnumerable<FunctionDefinition> functions)
    {
        services.AddSingleton<ScheduleLocks>();
        foreach (FunctionDefinition timer in functions.Where(f => f.Trigger is TimerFunctionTrigger))
        {
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<TimerFunctionService>(sp, timer));
        }
    }

    /// <summary>A <see cref="QueueFunctionListener"/> for the function, on the storage account its trigger's connection names.</summary>
    private static void AddQueueListener(IServiceCollection services, FunctionDefinition function)
    {
        services.AddSingleton(sp =>
        {
            IConfiguration configuration = sp.GetRequiredService<IConfiguration>();
            string connection = ((QueueFunctionTrigger)function.Trigger).Connection;
            IStorageAccount storage = string.Equals(connection, StorageHostExtensions.ConnectionSetting, StringComparison.OrdinalIgnoreCase)
                ? sp.GetRequiredService<IStorageAccount>()
                : StorageAccount.FromConnection(StorageConnection.FromSettings(connection, key => configuration[key]));
            TimeSpan lease = configuration.GetValue(QueueFunctionListener.LeaseSetting, TimeSpan.FromMinutes(10));
            return new QueueFunctionListener(function, sp.GetRequiredService<HostJson>(), storage, sp, lease, sp.GetRequiredService<ILogger<QueueFunctionListener>>());
        });
        services.AddSingleton<IQueueActivity>(sp => sp.GetServices<QueueFunctionListener>().Single(l => l.FunctionName == function.Name));
        services.AddSingleton<IHostedService>(sp => sp.GetServices<QueueFunctionListener>().Single(l => l.FunctionName == function.Name));
    }

    public static WebApplication MapLocalFunctions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHttpFunctions(app.Services.GetRequiredService<IReadOnlyList<FunctionDefinition>>(), app.Services.GetRequiredService<HostJson>().RoutePrefix);
        return app;
    }
}
