using System.Globalization;
using System.Text.Json;
using Billing.Domain.Accounts;
using Billing.Domain.Metering;
using Billing.Application.Accounts;
using Billing.Application.Http;
using Billing.Workflows.Scenarios;
using Billing.Workflows.Simulation;

namespace Billing.Application.Settlement;

/// <summary>
/// <c>POST /api/estimate</c>, the cost calculator: <c>{"plan": "api-standard", "usage": {"api_calls": "120000", ...},
/// "taxRate": "0.06"}</c> prices one whole period of that plan with that usage by the same engine that bills
/// (free quota and tiers included; no packs, coupons or proration), and answers the lines and totals. A <c>sum</c>
/// meter may instead be given transactions, <c>{"transactions": 250, "value": "12000.00"}</c>, for the models priced
/// per event (<c>percentage</c>): that many events of equal value (the last takes the remainder of the division)
/// summing to the value; a plain quantity is one transaction. Nothing is stored; anyone may ask.
/// </summary>
public static class EstimateApi
{
    private const int MaxDistinctValues = 100_000;

    public static async Task<IResult> PostAsync(HttpRequest request, BillingDirectory directory, CancellationToken ct)
    {
        var (body, refusal) = await RequestBody.ReadDocumentAsync(request, 16 * 1024, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var catalog = await directory.CatalogAsync(ct);
        if (catalog is null)
        {
            return Problems.Conflict("no catalog has been published yet");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Problems.Field("$", "not valid JSON");
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("plan", out var planValue) || planValue.ValueKind != JsonValueKind.String)
        {
            return Problems.Field("plan", "required: the code of a catalog plan");
        }

        var planCode = planValue.GetString()!;
        if (!catalog.Catalog.Plans.TryGetValue(planCode, out var plan))
        {
            return Problems.Field("plan", $"unknown plan '{planCode}'", StatusCodes.Status422UnprocessableEntity);
        }

        var taxRate = 0m;
        if (root.TryGetProperty("taxRate", out var taxValue) && (!MeterReading.TryParseDecimal(taxValue.ValueKind == JsonValueKind.String ? taxValue.GetString()! : taxValue.GetRawText(), out taxRate) || taxRate < 0m || taxRate > 1m))
        {
            return Problems.Field("taxRate", "a fraction between 0 and 1, e.g. \"0.06\"");
        }

        var period = catalog.Calendar.PeriodContaining(new DateTimeOffset(2030, 1, 15, 0, 0, 0, TimeSpan.Zero), plan.Period);
        var events = new List<RawUsageEvent>();
        if (root.TryGetProperty("usage", out var usage))
        {
            if (usage.ValueKind != JsonValueKind.Object)
            {
                return Problems.Field("usage", "an object of meter code to quantity");
            }

            foreach (var entry in usage.EnumerateObject())
            {
                var field = "usage." + entry.Name;
                if (!catalog.Catalog.Meters.TryGetValue(entry.Name, out var meter))
                {
                    return Problems.Field(field, $"unknown meter '{entry.Name}'", StatusCodes.Status422UnprocessableEntity);
                }

                if (entry.Value.ValueKind == JsonValueKind.Object)
                {
                    var (transactions, refused) = Transactions(field, entry.Value, meter);
                    if (refused is not null)
                    {
                        return refused;
                    }

                    foreach (var value in transactions)
                    {
                        var id = $"estimate-{entry.Name}-{events.Count.ToString("D6", CultureInfo.InvariantCulture)}";
                        events.Add(new RawUsageEvent(id, "estimate", entry.Name, period.Start, period.Start, null, id) { Measured = ReadingResult.Of(value, null) });
                    }

                    continue;
                }

                var text = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : entry.Value.GetRawText();
                if (!MeterReading.TryParseDecimal(text, out var quantity) || quantity < 0m || quantity > MeterReading.MaxQuantity)
                {
                    return Problems.Field(field, "a non-negative decimal quantity");
                }

                // Unique-count meters: the quantity is the number of distinct values, each one event here.
                if (meter.Aggregation == Domain.Catalog.Aggregation.UniqueCount && (quantity > MaxDistinctValues || quantity != Math.Floor(quantity)))
                {
                    return Problems.Field(field, $"a whole number of distinct values, at most {MaxDistinctValues}");
                }

                var readings = meter.Aggregation == Domain.Catalog.Aggregation.UniqueCount
                    ? Enumerable.Range(0, (int)quantity).Select(i => ReadingResult.Of(1m, "n:" + i.ToString(CultureInfo.InvariantCulture)))
                    : [ReadingResult.Of(quantity, null)];
                foreach (var reading in readings)
                {
                    var id = $"estimate-{entry.Name}-{events.Count}";
                    events.Add(new RawUsageEvent(id, "estimate", entry.Name, period.Start, period.Start, null, id) { Measured = reading });
                }
            }
        }

        var customer = new Customer("estimate", "estimate", string.Empty, planCode, period.Start, taxRate, null, [], [], null, null);
        var grace = TimeSpan.FromHours(1);
        var outcome = new BillingSimulation(new SimulationInput(period.Start, period.End + grace + TimeSpan.FromTicks(1), grace, catalog.Catalog, [customer], events, [])).Run();
        var invoice = outcome.Invoices.Single(r => r.Invoice.Customer == "estimate").Invoice;
        var currency = invoice.Currency;
        return Results.Json(new
        {
            plan = planCode,
            period = plan.Period.ToString().ToLowerInvariant(),
            currency = currency.Code,
            lines = invoice.Lines.Select(l => new { code = l.Code, quantity = OutcomeWriter.Quantity(l.Quantity), amount = currency.Format(l.Amount) }),
            subtotal = currency.Format(invoice.Totals.Subtotal),
            tax = currency.Format(invoice.Totals.Tax),
            total = currency.Format(invoice.Totals.Total),
        });
    }

    /// <summary>
    /// The values of <c>{"transactions": N, "value": "V"}</c> on a sum meter: N equal shares of V, the last one taking
    /// what the division leaves, so they add up to V exactly; or the problem naming the field.
    /// </summary>
    private static (List<decimal> Values, IResult? Refusal) Transactions(string field, JsonElement spec, Domain.Catalog.Meter meter)
    {
        if (meter.Aggregation != Domain.Catalog.Aggregation.Sum)
        {
            return ([], Problems.Field(field, "transactions are for sum meters; give a quantity"));
        }

        if (!spec.TryGetProperty("transactions", out var countValue) || countValue.ValueKind != JsonValueKind.Number
            || !countValue.TryGetInt32(out var count) || count < 0 || count > MaxDistinctValues)
        {
            return ([], Problems.Field(field + ".transactions", $"a whole number of transactions, 0 to {MaxDistinctValues}"));
        }

        var text = spec.TryGetProperty("value", out var value) ? (value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()) : string.Empty;
        if (!MeterReading.TryParseDecimal(text, out var total) || total < 0m || total > MeterReading.MaxQuantity || (count == 0 && total != 0m))
        {
            return ([], Problems.Field(field + ".value", "the transactions' total value: a non-negative decimal (0 without transactions)"));
        }

        var values = new List<decimal>(count);
        if (count > 0)
        {
            var share = total / count;
            values.AddRange(Enumerable.Repeat(share, count - 1));
            values.Add(total - (share * (count - 1)));
        }

        return (values, null);
    }
}
