using Billing.Application.Hosting;
using Billing.LocalHost.Functions;

// Functions conventions (local.settings.json, port 7071, JSON logs, OTLP metrics when configured), Azurite started
// when needed, the application, and the function app's functions served as the Functions host would.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsHost();
builder.Services.AddLocalAzurite(builder.Configuration);
builder.Services.AddBillingApplication(builder.Configuration);
builder.Services.AddLocalFunctions();

WebApplication app = builder.Build();
app.MapBillingFunctions();
app.MapLocalFunctions();
await app.RunAsync();
