using Billing.Application.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The function app: ASP.NET Core integration for HTTP functions (the Durable extension registers itself), then the
// application the functions call.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddBillingApplication(builder.Configuration);
builder.Build().Run();
