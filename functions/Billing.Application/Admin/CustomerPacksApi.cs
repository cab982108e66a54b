using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Application.Accounts;
using Billing.Application.Http;
using Billing.Application.Settlement;
using Billing.Storage.Customers;
using Billing.Storage.Invoicing;
using Billing.Workflows.Scenarios;

namespace Billing.Application.Admin;

/// <summary>
/// <c>POST /api/manage/customers/{id}/packs</c>: sells a prepaid pack (a scenario-format pack) to the customer and
/// settles the purchase at once: the prepaid invoice is issued, numbered, rendered and emailed (to the parent for
/// a separate or pooled child). Idempotent by pack code: the same pack again answers 200 with its invoice, the
/// same code with other content 409.
/// </summary>
public static class CustomerPacksApi
{
    public static async Task<IResult> PostAsync(
        string id, HttpRequest request, CustomerStore customers, BillingDirectory directory, SettlementService settlement, InvoiceStore invoices, TimeProvider clock, CancellationToken ct)
    {
        var (body, refusal) = await RequestBody.ReadDocumentAsync(request, 8192, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var record = await customers.GetAsync(id, ct);
        var catalog = await directory.CatalogAsync(ct);
        if (record is null || catalog is null)
        {
            return Problems.NotFound($"unknown customer '{id}'");
        }

        JsonObject pack;
        try
        {
            pack = JsonNode.Parse(body!)?.AsObject() ?? throw new JsonException();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return Problems.Field("$", "must be a pack object");
        }

        var code = pack["code"]?.GetValueKind() == JsonValueKind.String ? pack["code"]!.GetValue<string>() : null;
        if (string.IsNullOrEmpty(code))
        {
            return Problems.Field("code", "required");
        }

        var document = JsonNode.Parse(record.Json)!.AsObject();
        var packs = document["packs"] as JsonArray ?? [];
        document["packs"] = packs;
        var existing = packs.FirstOrDefault(p => p?["code"]?.GetValue<string>() == code);
        var created = existing is null;
        if (existing is not null && !JsonNode.DeepEquals(existing, pack))
        {
            return Problems.Field("code", $"pack '{code}' was sold before with other content", StatusCodes.Status409Conflict);
        }

        if (created)
        {
            packs.Add(pack.DeepClone());
            var json = document.ToJsonString();
            try
            {
                CatalogDocument.ReadCustomer(json, id, catalog.Catalog, BillingDirectory.DefaultStart(catalog, record.CreatedAt));
            }
            catch (ScenarioFormatException ex)
            {
                return Problems.Field(ex.Path.Replace($"packs[{packs.Count - 1}].", string.Empty, StringComparison.Ordinal), ex.Problem);
            }

            await customers.UpdateAsync(id, json, clock.GetUtcNow(), ct);
            directory.Invalidate(id);
        }

        var customer = await directory.CustomerAsync(id, ct);
        var invoiced = customer!.InvoicedCustomerId;
        await settlement.SettleAsync(invoiced, clock.GetUtcNow(), ct);
        var invoice = (await invoices.ForCustomerAsync(invoiced, ct)).FirstOrDefault(i => i.Kind == "prepaid" && i.Key == $"prepaid/{id}/{code}");
        return Results.Json(
            new { customer = id, pack = code, invoice = invoice?.Number, note = invoice is null ? "invoiced when the purchase time is reached" : null },
            statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }
}
