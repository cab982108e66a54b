using Billing.Application.Email.Retries;
using Billing.Application.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Email.Retries;

/// <summary><c>POST /api/manage/emails/failed/retry</c>: sends every pending undelivered email now; operators only.</summary>
public sealed class FailedEmailRetryHttp(AdminKeyFilter admin, EmailRetrier retrier)
{
    [Function(nameof(FailedEmailRetryHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/emails/failed/retry")] HttpRequest request,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await UndeliveredEmailsAdminApi.RetryAsync(retrier, cancellationToken);
}
