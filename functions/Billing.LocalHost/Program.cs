using Billing.Application.Hosting;

// Functions conventions (local.settings.json, port 7071, JSON logs, OTLP metrics when configured), storage (Azurite started when needed), the functions.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsHost();
builder.AddBillingTelemetry();
builder.AddBillingStorage();
builder.AddBillingFunctions();

WebApplication app = builder.Build();
app.MapBillingFunctions();
await app.RunAsync();
