using Billing.Functions.Hosting;

// Functions conventions (local.settings.json, port 7071, JSON logs), then storage (Azurite started when needed).
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsHost();
builder.AddBillingStorage();

WebApplication app = builder.Build();
app.MapGet("/api/health", () => Results.Ok(new { status = "ok" }));
await app.RunAsync();
