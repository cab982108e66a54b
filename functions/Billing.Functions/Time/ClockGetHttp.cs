using Billing.Application.Security;
using Billing.Application.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Time;

/// <summary><c>GET /api/manage/clock</c>: the host's time and whether its clock is simulated, on either clock; operators only.</summary>
public sealed class ClockGetHttp(AdminKeyFilter admin, TimeProvider clock)
{
    [Function(nameof(ClockGetHttp))]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/clock")] HttpRequest request) =>
        admin.Refusal(request) ?? ClockAdminApi.Read(clock);
}
