using Billing.Application.Email.Retries;
using Billing.Application.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Email.Retries;

/// <summary><c>GET /api/manage/emails/failed?status=</c>: the emails the provider did not take, pending or sent since; operators only.</summary>
public sealed class FailedEmailListHttp(AdminKeyFilter admin, UndeliveredEmailStore undelivered)
{
    [Function(nameof(FailedEmailListHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/emails/failed")] HttpRequest request,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await UndeliveredEmailsAdminApi.ListAsync(request, undelivered, cancellationToken);
}
