using Billing.Application.Email;
using Billing.Application.Security;
using Billing.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Email;

/// <summary><c>GET /api/manage/outbox?prefix=&amp;limit=</c>: the local outbox's emails in name order; operators only.</summary>
public sealed class OutboxListHttp(AdminKeyFilter admin, IStorageAccount storage)
{
    [Function(nameof(OutboxListHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/outbox")] HttpRequest request,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await OutboxAdminApi.ListAsync(request, storage, cancellationToken);
}
