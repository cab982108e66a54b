using Azure.Monitor.OpenTelemetry.Exporter;
using Billing.Application.Hosting;
using Billing.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// The function app: ASP.NET Core integration for HTTP functions (a failure answers problem details), then the
// application the functions call.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<HttpProblemDetailsMiddleware>();
builder.Services.AddBillingApplication(builder.Configuration);

// Application Insights: the application's spans and meters (and the worker's invocation spans) through Azure Monitor.
if (!string.IsNullOrWhiteSpace(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
{
    AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
    builder.Services.AddOpenTelemetry()
        .WithTracing(tracing => tracing.AddSource([.. TelemetryExtensions.Sources]))
        .WithMetrics(metrics => metrics.AddMeter([.. TelemetryExtensions.Meters]))
        .UseFunctionsWorkerDefaults()
        .UseAzureMonitorExporter();
}

builder.Build().Run();
