using Billing.Application.Email;
using Billing.Application.Security;
using Billing.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Email;

/// <summary><c>GET /api/manage/outbox/{name}</c>: one outbox email as <c>message/rfc822</c>; operators only.</summary>
public sealed class OutboxGetHttp(AdminKeyFilter admin, IStorageAccount storage)
{
    [Function(nameof(OutboxGetHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/outbox/{*name}")] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await OutboxAdminApi.GetAsync(name, storage, cancellationToken);
}
