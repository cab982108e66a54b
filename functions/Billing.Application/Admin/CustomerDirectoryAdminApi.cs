using System.Text.Json;
using Billing.Application.Http;
using Billing.Storage.Customers;
using Billing.Workflows.Scenarios;

namespace Billing.Application.Admin;

/// <summary>
/// Operators' view of the customers: <c>GET /api/manage/customers</c> (paged, in id order; see <see cref="Paging"/>)
/// and <c>GET /api/manage/customers/{id}</c>. Each customer is <c>{"id", "document", "createdAt", "updatedAt"}</c>:
/// the scenario-format document as last put, and when. The portal key is never shown (only its digest is kept).
/// </summary>
public static class CustomerDirectoryAdminApi
{
    private const string List = "customers";

    public static async Task<IResult> ListAsync(HttpRequest request, CustomerStore customers, CancellationToken ct)
    {
        var (paging, position, problem) = Paging.ReadFor(request, List);
        if (problem is not null)
        {
            return problem;
        }

        var (page, next) = await customers.PageAsync(position, paging!.Limit, ct);
        return Results.Json(new { items = page.Select(View), continuationToken = PageToken.Encode(List, next) });
    }

    public static async Task<IResult> GetAsync(string id, CustomerStore customers, CancellationToken ct)
    {
        var customer = await customers.GetAsync(id, ct);
        return customer is null ? Problems.NotFound($"unknown customer '{id}'") : Results.Json(View(customer));
    }

    private static object View(CustomerRecord customer) => new
    {
        id = customer.Id,
        document = JsonSerializer.Deserialize<JsonElement>(customer.Json),
        createdAt = OutcomeWriter.Instant(customer.CreatedAt),
        updatedAt = OutcomeWriter.Instant(customer.UpdatedAt),
    };
}
