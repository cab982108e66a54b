using Billing.Application.Configuration;
using Billing.Application.Ingestion;
using Billing.Application.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Ingestion;

/// <summary><c>POST /api/usage</c>: the usage webhook; one event or a batch, authenticated, validated and durably queued.</summary>
public sealed class IngestUsageHttp(UsageIntake intake, IngestAuthenticator authenticator, IOptions<BillingOptions> options)
{
    [Function(nameof(IngestUsageHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "usage")] HttpRequest request,
        CancellationToken cancellationToken) =>
        IngestUsageApi.RunAsync(request, intake, authenticator, options, cancellationToken);
}
