using Billing.Application.Security;
using Billing.Application.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Billing.Functions.Time;

/// <summary><c>POST /api/manage/clock/advance</c>: moves a simulated clock and answers when the work it caused is done (409 on the system clock); operators only.</summary>
public sealed class ClockAdvanceHttp(AdminKeyFilter admin, TimeProvider clock, IServiceProvider services)
{
    [Function(nameof(ClockAdvanceHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/clock/advance")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await ClockAdminApi.AdvanceAsync(request, clock, services, client, cancellationToken);
}
