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
/// same code with other content 409; a pack valid before the end of the latest period already invoiced is a 409 naming
/// <c>validFrom</c> (<see cref="SettledAccount"/>). Concurrent sales to one customer are each kept: the document is written only over
/// the version the sale read, and read again when another write came between.
/// </summary>
public static class CustomerPacksApi
{
    /// <summary>How many times a sale is tried over a customer document that other writes keep changing.</summary>
    private const int MaxWriteAttempts = 16;

    public static async Task<IResult> PostAsync(
        string id, HttpRequest request, CustomerStore customers, BillingDirectory directory, SettlementService settlement, InvoiceStore invoices, TimeProvider clock, CancellationToken ct)
    {
        var (body, refusal) = await RequestBody.ReadDocumentAsync(request, 8192, ct);
        if (refusal is not null)
        {
            return refusal;
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

        var created = false;
        for (var attempt = 1; ; attempt++)
        {
            var record = await customers.GetAsync(id, ct);
            var catalog = await directory.CatalogAsync(ct);
            if (record is null || catalog is null)
            {
                return Problems.NotFound($"unknown customer '{id}'");
            }

            var document = JsonNode.Parse(record.Json)!.AsObject();
            var packs = document["packs"] as JsonArray ?? [];
            document["packs"] = packs;
            var existing = packs.FirstOrDefault(p => p?["code"]?.GetValue<string>() == code);
            if (existing is not null)
            {
                if (!JsonNode.DeepEquals(existing, pack))
                {
                    return Problems.Field("code", $"pack '{code}' was sold before with other content", StatusCodes.Status409Conflict);
                }

                break;
            }

            packs.Add(pack.DeepClone());
            var json = document.ToJsonString();
            Domain.Accounts.Customer parsed;
            try
            {
                parsed = CatalogDocument.ReadCustomer(json, id, catalog.Catalog, BillingDirectory.DefaultStart(catalog, record.CreatedAt));
            }
            catch (ScenarioFormatException ex)
            {
                return Problems.Field(ex.Path.Replace($"packs[{packs.Count - 1}].", string.Empty, StringComparison.Ordinal), ex.Problem);
            }

            var sold = parsed.Packs.Where(p => p.Code == code);
            if (SettledAccount.PackBeforeInvoiced(sold, await SettledAccount.InvoicedUntilAsync(invoices, catalog, parsed.InvoicedCustomerId, ct)) is { } early)
            {
                return Problems.Field("validFrom", early.Problem, StatusCodes.Status409Conflict);
            }

            // Written only over the version read: a sale or update that came between is read again, never overwritten.
            if (await customers.TryUpdateAsync(record, json, clock.GetUtcNow(), ct))
            {
                created = true;
                directory.Invalidate(id);
                break;
            }

            if (attempt == MaxWriteAttempts)
            {
                return Problems.Conflict($"customer '{id}' kept changing while the pack was being added; POST the pack again");
            }
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
