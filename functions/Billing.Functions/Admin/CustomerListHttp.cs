using Billing.Application.Admin;
using Billing.Application.Security;
using Billing.Storage.Customers;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Admin;

/// <summary><c>GET /api/manage/customers</c>: the customers in id order, paged; operators only.</summary>
public sealed class CustomerListHttp(AdminKeyFilter admin, CustomerStore customers)
{
    [Function(nameof(CustomerListHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/customers")] HttpRequest request,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await CustomerDirectoryAdminApi.ListAsync(request, customers, cancellationToken);
}
