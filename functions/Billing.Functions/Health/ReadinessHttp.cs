using Billing.Application.Hosting;
using Billing.Application.Rendering;
using Billing.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Health;

/// <summary><c>GET /api/health/ready</c>: 200 when storage answers and every table, queue, container and invoice font exists; 503 naming what does not.</summary>
public sealed class ReadinessHttp(IStorageAccount storage, InvoiceFontFolders fonts)
{
    [Function(nameof(ReadinessHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest request,
        CancellationToken cancellationToken) =>
        StorageReadiness.ReadyAsync(storage, fonts, cancellationToken);
}
