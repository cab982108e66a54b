using Billing.Application.Accounts;
using Billing.Application.Http;
using Billing.Storage.Catalog;
using Billing.Storage.Customers;
using Billing.Workflows.Scenarios;

namespace Billing.Application.Admin;

/// <summary>
/// <c>PUT /api/manage/catalog</c>: publishes the catalog (the scenario format's timezone, currency, meters, plans,
/// dunning) as a new version; an identical document adds none. The time zone and currency cannot change once
/// published, and plans that customers are on cannot disappear. A changed plan applies from the next billing
/// period; every version is kept (<c>GET /api/manage/catalog</c> lists them).
/// </summary>
public static class CatalogAdminApi
{
    private const int MaxBytes = 30 * 1024;

    public static async Task<IResult> PutAsync(HttpRequest request, CatalogStore catalogs, CustomerStore customers, BillingDirectory directory, TimeProvider clock, CancellationToken ct)
    {
        var (body, refusal) = await RequestBody.ReadDocumentAsync(request, MaxBytes, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var json = System.Text.Encoding.UTF8.GetString(body!);
        Domain.Catalog.ProductCatalog catalog;
        try
        {
            catalog = CatalogDocument.ReadCatalog(json);
        }
        catch (ScenarioFormatException ex)
        {
            return Problems.Field(string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path, ex.Problem);
        }

        if (await directory.CatalogAsync(ct) is { } current)
        {
            if (current.Catalog.TimeZone.Id != catalog.TimeZone.Id)
            {
                return Problems.Field("timezone", $"cannot change from '{current.Catalog.TimeZone.Id}' once published", StatusCodes.Status409Conflict);
            }

            if (current.Catalog.Currency != catalog.Currency)
            {
                return Problems.Field("currency", $"cannot change from '{current.Catalog.Currency}' once published", StatusCodes.Status409Conflict);
            }

            foreach (var customer in await customers.ListAsync(ct))
            {
                var plan = System.Text.Json.JsonDocument.Parse(customer.Json).RootElement.GetProperty("plan").GetString();
                if (plan is not null && !catalog.Plans.ContainsKey(plan))
                {
                    return Problems.Field("plans", $"plan '{plan}' is used by customer '{customer.Id}' and cannot be removed", StatusCodes.Status409Conflict);
                }
            }
        }

        var (version, created) = await catalogs.PublishAsync(json, clock.GetUtcNow(), ct);
        directory.Invalidate();
        return Results.Json(new { version = version.Version, publishedAt = version.PublishedAt, created }, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    public static async Task<IResult> GetAsync(CatalogStore catalogs, CancellationToken ct)
    {
        var history = await catalogs.HistoryAsync(ct);
        return Results.Json(history.Select(v => new { version = v.Version, publishedAt = v.PublishedAt, catalog = System.Text.Json.JsonDocument.Parse(v.Json).RootElement }));
    }
}
