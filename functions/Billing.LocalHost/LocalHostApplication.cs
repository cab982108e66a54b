using Billing.Application.Hosting;
using Billing.LocalHost.Functions;

namespace Billing.LocalHost;

/// <summary>
/// The local host as an application: Functions conventions (<c>local.settings.json</c>, port 7071, JSON logs, OTLP
/// metrics when configured), Azurite started when the emulator's account is configured and nothing listens, the
/// application, and the function app's functions served as the Functions host would serve them.
/// </summary>
public static class LocalHostApplication
{
    public static WebApplication Build(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        builder.AddFunctionsHost();
        builder.Services.AddLocalAzurite(builder.Configuration);
        builder.Services.AddBillingApplication(builder.Configuration);
        builder.Services.AddLocalFunctions();

        WebApplication app = builder.Build();
        // Unhandled failures and bare status codes answer as problem details.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapLocalFunctions();
        return app;
    }
}
