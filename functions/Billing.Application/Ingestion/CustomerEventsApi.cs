using Billing.Application.Accounts;
using Billing.Application.Http;
using Billing.Application.Security;

namespace Billing.Application.Ingestion;

/// <summary>
/// <c>GET /api/customers/{id}/events?meter=&amp;from=&amp;to=</c>: the raw events of a window of at most one hour
/// ("show me every call in that second"), in event-time order, each with the JSON as received.
/// </summary>
public static class CustomerEventsApi
{
    public static async Task<IResult> RunAsync(string id, HttpRequest request, CustomerAccess access, BillingDirectory directory, TenantUsage usage, CancellationToken ct)
    {
        if (await access.RefusalAsync(request, id, ct) is { } refusal)
        {
            return refusal;
        }

        var (meter, meterProblem) = QueryParameters.Required(request, "meter");
        var (from, fromProblem) = QueryParameters.Instant(request, "from");
        var (to, toProblem) = QueryParameters.Instant(request, "to");
        if ((meterProblem ?? fromProblem ?? toProblem) is { } problem)
        {
            return problem;
        }

        if (to <= from || to - from > UsageReports.MaxEventWindow)
        {
            return Problems.Field("to", "must be after from and at most one hour later");
        }

        var catalog = await directory.CatalogAsync(ct);
        if (catalog is null || !catalog.Catalog.Meters.ContainsKey(meter!))
        {
            return Problems.Field("meter", $"unknown meter '{meter}'");
        }

        var events = await (await usage.QueriesAsync(ct)).EventsAsync(id, meter!, from, to, ct);
        return Results.Json(events.Select(e => new
        {
            id = e.Id,
            customer = e.Customer,
            meter = e.Meter,
            at = e.At,
            receivedAt = e.ReceivedAt,
            quantity = e.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            late = e.Late,
            @event = System.Text.Json.JsonDocument.Parse(e.Body).RootElement,
        }), IngestionJson.Options);
    }
}
