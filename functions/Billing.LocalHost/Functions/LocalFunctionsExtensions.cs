using Billing.Functions.Health;

namespace Billing.LocalHost.Functions;

/// <summary>Registers and serves the function app's functions (<see cref="FunctionIndex"/>) with the settings of its <c>host.json</c>.</summary>
public static class LocalFunctionsExtensions
{
    /// <summary>The function app's assembly.</summary>
    public static System.Reflection.Assembly FunctionApp => typeof(HealthHttp).Assembly;

    public static IServiceCollection AddLocalFunctions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(HostJson.Load());
        IReadOnlyList<FunctionDefinition> functions = FunctionIndex.Scan(FunctionApp);
        services.AddSingleton(functions);
        AddTimerFunctions(services, functions);
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

    public static WebApplication MapLocalFunctions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHttpFunctions(app.Services.GetRequiredService<IReadOnlyList<FunctionDefinition>>(), app.Services.GetRequiredService<HostJson>().RoutePrefix);
        return app;
    }
}
