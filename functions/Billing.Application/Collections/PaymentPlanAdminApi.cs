using System.Globalization;
using System.Text.Json;
using Billing.Domain.Metering;
using Billing.Domain.Payments;
using Billing.Application.Http;
using Billing.Application.Settlement;
using Billing.Storage.Invoicing;
using Billing.Storage.Payments;
using Billing.Workflows.Scenarios;

namespace Billing.Application.Collections;

/// <summary>
/// <c>POST /api/manage/invoices/{number}/payment-plan</c> with <c>{"installments": [{"amount": "50.00", "dueAt": "..."}]}</c>:
/// agrees a plan for an open usage invoice. The installments must add up to its open balance and fall due in order,
/// after now. Dunning then follows the installments: while they are met it waits; a missed one resumes the ladder.
/// One plan per invoice (201 when agreed; 200 for the same plan again; 409 for a different one).
/// </summary>
public static class PaymentPlanAdminApi
{
    public static async Task<IResult> PostAsync(string number, HttpRequest request, InvoiceStore invoices, PaymentPlanStore plans, SettlementService settlement, Workflows.WorkflowEventSender events, TimeProvider clock, CancellationToken ct)
    {
        var (body, refusal) = await RequestBody.ReadDocumentAsync(request, 16 * 1024, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var invoice = await invoices.ByNumberAsync(number, ct);
        if (invoice is null)
        {
            return Problems.NotFound($"no invoice numbered '{number}'");
        }

        if (invoice.Kind != "usage" || invoice.Status == "paid" || invoice.Period is null)
        {
            return Problems.Conflict($"invoice '{number}' is not an open usage invoice");
        }

        var now = clock.GetUtcNow();
        var installments = new List<Installment>();
        try
        {
            using var document = JsonDocument.Parse(body!);
            if (!document.RootElement.TryGetProperty("installments", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                return Problems.Field("installments", "required: a non-empty array of {amount, dueAt}");
            }

            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var field = string.Create(CultureInfo.InvariantCulture, $"installments[{index++}]");
                var amountText = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("amount", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
                if (amountText is null || !MeterReading.TryParseDecimal(amountText, out var amount) || amount <= 0m)
                {
                    return Problems.Field(field + ".amount", "a positive decimal string");
                }

                if (Domain.Money.Currency.TryOf(invoice.Currency) is { } money && !money.HoldsExactly(amount))
                {
                    return Problems.Field(field + ".amount", $"more decimal places than {money.Code} has ({money.MinorUnits}); amounts are not rounded");
                }

                if (!item.TryGetProperty("dueAt", out var d) || d.ValueKind != JsonValueKind.String)
                {
                    return Problems.Field(field + ".dueAt", "required: an ISO 8601 instant with an offset, after now");
                }

                if (!ScenarioTimestamp.TryParse(d.GetString()!, out var due, out var problem))
                {
                    return Problems.Field(field + ".dueAt", problem);
                }

                if (due <= now)
                {
                    return Problems.Field(field + ".dueAt", "an ISO 8601 instant after now");
                }

                if (installments.Count > 0 && due <= installments[^1].DueAt)
                {
                    return Problems.Field(field + ".dueAt", "installments must fall due in order");
                }

                installments.Add(new Installment(amount, due));
            }
        }
        catch (JsonException)
        {
            return Problems.Field("$", "not valid JSON");
        }

        var balance = invoice.Total - invoice.Paid;
        if (installments.Sum(i => i.Amount) != balance)
        {
            return Problems.Field("installments", string.Create(CultureInfo.InvariantCulture, $"must add up to the open balance {balance}"), StatusCodes.Status422UnprocessableEntity);
        }

        var (plan, created) = await plans.AgreeAsync(new PaymentPlan(invoice.Customer, invoice.Period, now, installments), ct);
        if (!created && !plan.Installments.SequenceEqual(installments))
        {
            return Problems.Conflict($"invoice '{number}' already has a payment plan");
        }

        await settlement.SettleAsync(invoice.Customer, now, ct);
        if (invoice.Period is { } period)
        {
            // The invoice's dunning re-evaluates its next instant: the installments hold the ladder.
            await events.SendAsync(new Workflows.WorkflowEventMessage(Dunning.InvoiceDunning.Name, Dunning.InvoiceDunning.InstanceId(invoice.Customer, period), Dunning.InvoiceDunning.PlanAgreedEvent, "{}"), ct);
        }

        return Results.Json(
            new { invoice = number, installments = plan.Installments.Select(i => new { amount = i.Amount.ToString(CultureInfo.InvariantCulture), dueAt = i.DueAt }) },
            statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }
}
