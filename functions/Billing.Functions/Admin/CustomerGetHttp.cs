using Billing.Application.Admin;
using Billing.Application.Security;
using Billing.Storage.Customers;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Admin;

/// <summary><c>GET /api/manage/customers/{id}</c>: one customer's document as last put, and when; operators only.</summary>
public sealed class CustomerGetHttp(AdminKeyFilter admin, CustomerStore customers)
{
    [Function(nameof(CustomerGetHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/customers/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await CustomerDirectoryAdminApi.GetAsync(id, customers, cancellationToken);
}
