using Billing.Application.Accounts;
using Billing.Application.Http;
using Billing.Application.Security;
using Billing.Storage.Customers;
using Billing.Workflows.Scenarios;

namespace Billing.Application.Admin;

/// <summary>
/// <c>PUT /api/manage/customers/{id}</c>: creates or updates a customer from a scenario-format customer (without
/// its id). Creating answers 201 with the customer's portal key, shown this once and stored only as a digest;
/// updating answers 200 and keeps the key. The plan must exist; a parent must exist and be invoiced itself. The id and
/// the document must satisfy <see cref="CustomerDocumentRules"/> (text without control characters, name length, email
/// syntax, supported locale, ids' alphabet and length): a fault is a 400 naming the field, and nothing is stored.
/// </summary>
public static class CustomerAdminApi
{
    private const int MaxBytes = 30 * 1024;

    public static async Task<IResult> PutAsync(string id, HttpRequest request, CustomerStore customers, BillingDirectory directory, TimeProvider clock, CancellationToken ct)
    {
        if (!CustomerDocumentRules.IsIdentifier(id))
        {
            return Problems.Field("id", CustomerDocumentRules.IdentifierProblem);
        }

        var (body, refusal) = await RequestBody.ReadDocumentAsync(request, MaxBytes, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var catalog = await directory.CatalogAsync(ct);
        if (catalog is null)
        {
            return Problems.Conflict("no catalog has been published yet; PUT /api/manage/catalog first");
        }

        var json = System.Text.Encoding.UTF8.GetString(body!);
        var now = clock.GetUtcNow();
        var existing = await customers.GetAsync(id, ct);
        Domain.Accounts.Customer customer;
        try
        {
            customer = CatalogDocument.ReadCustomer(json, id, catalog.Catalog, BillingDirectory.DefaultStart(catalog, existing?.CreatedAt ?? now));
        }
        catch (ScenarioFormatException ex)
        {
            return Problems.Field(string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path, ex.Problem);
        }

        if (customer.ParentId is { } parentId)
        {
            var parent = parentId == id ? null : await directory.CustomerAsync(parentId, ct);
            if (parent is null)
            {
                return Problems.Field("parent", $"unknown customer '{parentId}'", StatusCodes.Status422UnprocessableEntity);
            }

            if (customer.BillsThroughParent && parent.BillsThroughParent)
            {
                return Problems.Field("parent", $"'{parentId}' is itself billed through its parent; nest one level only", StatusCodes.Status422UnprocessableEntity);
            }
        }

        if (existing is not null)
        {
            await customers.UpdateAsync(id, json, now, ct);
            directory.Invalidate(id);
            return Results.Json(new { id }, statusCode: StatusCodes.Status200OK);
        }

        var portalKey = ApiKeys.Create();
        if (!await customers.TryCreateAsync(new CustomerRecord(id, json, ApiKeys.Digest(portalKey), now, now), ct))
        {
            return Problems.Conflict($"customer '{id}' was created concurrently; PUT again to update it");
        }

        directory.Invalidate(id);
        return Results.Json(new { id, portalKey }, statusCode: StatusCodes.Status201Created);
    }
}
