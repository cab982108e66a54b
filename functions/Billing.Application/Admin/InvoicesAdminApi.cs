using System.Text.Json;
using Billing.Application.Http;
using Billing.Storage.Invoicing;

namespace Billing.Application.Admin;

/// <summary>
/// <c>GET /api/manage/invoices?status=&amp;from=&amp;to=</c>: every customer's invoices (by customer, then invoice
/// key), paged (see <see cref="Paging"/>), each in the scenario outcome shape with its number and status. Optional
/// filters: <c>status</c> (<c>open</c> or <c>paid</c>) and the issue instant, <c>from</c> included and <c>to</c>
/// excluded (ISO 8601 with an offset). A page may hold fewer than <c>limit</c> invoices before the last one; follow
/// <c>continuationToken</c> until it is null.
/// </summary>
public static class InvoicesAdminApi
{
    private const string List = "invoices";
    private static readonly string[] Statuses = ["open", "paid"];

    public static async Task<IResult> ListAsync(HttpRequest request, InvoiceStore invoices, CancellationToken ct)
    {
        var (paging, position, problem) = Paging.ReadFor(request, List);
        if (problem is not null)
        {
            return problem;
        }

        var status = request.Query["status"].ToString();
        if (status.Length > 0 && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            return Problems.Field("status", $"must be one of {string.Join(", ", Statuses)}");
        }

        var (from, to, windowProblem) = QueryParameters.OptionalWindow(request, "from", "to");
        if (windowProblem is not null)
        {
            return windowProblem;
        }

        var (page, next) = await Paging.NonEmptyPageAsync(at => invoices.PageAsync(status.Length == 0 ? null : status, from, to, at, paging!.Limit, ct), position);

        return Results.Json(new { items = page.Select(i => JsonSerializer.Deserialize<JsonElement>(i.Json)), continuationToken = PageToken.Encode(List, next) });
    }
}
