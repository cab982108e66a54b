using Billing.Application.Accounts;
using Billing.Application.Settlement;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Settlement;

/// <summary><c>POST /api/estimate</c>: the cost calculator; one period of a plan priced for the given usage; nothing is stored; anyone may ask.</summary>
public sealed class EstimateHttp(BillingDirectory directory)
{
    [Function(nameof(EstimateHttp))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "estimate")] HttpRequest request,
        CancellationToken cancellationToken) =>
        EstimateApi.PostAsync(request, directory, cancellationToken);
}
