using Billing.Application.Accounts;
using Billing.Application.Http;
using Billing.Application.Security;
using Billing.Storage.Customers;
using Billing.Storage.Invoicing;
using Billing.Workflows.Scenarios;

namespace Billing.Application.Admin;

/// <summary>
/// <c>PUT /api/manage/customers/{id}</c>: creates or updates a customer from a scenario-format customer (without
/// its id). Creating answers 201 with the customer's portal key, shown this once and stored only as a digest;
/// updating answers 200 and keeps the key. The plan must exist; a parent must exist and be invoiced itself. The id and
/// the document must satisfy <see cref="CustomerDocumentRules"/> (text without control characters, name length, email
/// syntax, supported locale, ids' alphabet and length): a fault is a 400 naming the field, and nothing is stored. An update
/// keeps every pack already sold (purchase instant passed) exactly as sold, or is a 409 naming <c>packs</c>; once the
/// account is invoiced, what <see cref="SettledAccount"/> fixes stays (a 409 naming the field); an update that raced
/// another write to the customer (a pack sale, another PUT) is a 409 and changes nothing.
/// </summary>
public static class CustomerAdminApi
{
    private const int MaxBytes = 30 * 1024;

    public static async Task<IResult> PutAsync(string id, HttpRequest request, CustomerStore customers, BillingDirectory directory, InvoiceStore invoices, TimeProvider clock, CancellationToken ct)
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

        var stored = existing is null ? null : CatalogDocument.ReadStoredCustomer(existing.Json, existing.Id, catalog.Catalog, BillingDirectory.DefaultStart(catalog, existing.CreatedAt));
        if (stored is not null && SettledAccount.FixedFieldChange(stored, customer) is { } fixedField
            && await SettledAccount.InvoicedUntilAsync(invoices, catalog, stored.InvoicedCustomerId, ct) is not null)
        {
            return Problems.Field(fixedField.Field, fixedField.Problem, StatusCodes.Status409Conflict);
        }

        var added = customer.Packs.Where(p => stored is null || stored.Packs.All(s => s.Code != p.Code)).ToList();
        if (added.Count > 0
            && SettledAccount.PackBeforeInvoiced(added, await SettledAccount.InvoicedUntilAsync(invoices, catalog, customer.InvoicedCustomerId, ct)) is { } early)
        {
            var index = customer.Packs.ToList().FindIndex(p => p.Code == early.Code);
            return Problems.Field($"packs[{index}].validFrom", early.Problem, StatusCodes.Status409Conflict);
        }

        if (existing is not null)
        {
            if (SoldPackChange(stored!, customer, now) is { } sold)
            {
                return sold;
            }

            if (!await customers.TryUpdateAsync(existing, json, now, ct))
            {
                return Problems.Conflict($"customer '{id}' was changed while this request was being handled (a pack sale, or another PUT); read it and PUT again");
            }

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

    /// <summary>
    /// A 409 naming <c>packs</c> when the update would remove or change a pack already sold (its purchase instant has
    /// passed, so its prepaid invoice is issued and its quantity is the customer's); null when every sold pack stays as sold.
    /// </summary>
    private static IResult? SoldPackChange(Domain.Accounts.Customer stored, Domain.Accounts.Customer updated, DateTimeOffset now)
    {
        var sold = stored.Packs.FirstOrDefault(p => p.PurchasedAt <= now && !updated.Packs.Contains(p));
        return sold is null
            ? null
            : Problems.Field(
                "packs",
                $"pack '{sold.Code}' was sold at {OutcomeWriter.Instant(sold.PurchasedAt)} and must stay in the document as sold; sell more with POST /api/manage/customers/{stored.Id}/packs",
                StatusCodes.Status409Conflict);
    }
}
