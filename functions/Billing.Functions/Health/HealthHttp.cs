using Billing.Application.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Health;

/// <summary><c>GET /api/health</c>: <c>{"status":"ok"}</c> once the host serves.</summary>
public sealed class HealthHttp
{
    [Function(nameof(HealthHttp))]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) => HostHealth.Live();
}
