using System.Text.Json;
using Billing.Application.Http;
using Billing.Application.Security;
using Billing.Storage.Collections;
using Billing.Workflows.Scenarios;
using Microsoft.Net.Http.Headers;

namespace Billing.Application.Collections;

/// <summary>
/// <c>GET /api/customers/{id}/timeline</c>: the collection and alert actions carried out, in the scenario format's
/// timeline shape plus <c>detail</c>. <c>GET /api/customers/{id}/status</c>: <c>active | throttled | suspended</c> with
/// reason and since, for API gateways: one point read, with an ETag (<c>If-None-Match</c> answers 304).
/// </summary>
public static class CustomerCollectionsApi
{
    public static async Task<IResult> TimelineAsync(string id, HttpRequest request, CustomerAccess access, TimelineStore timeline, CancellationToken ct)
    {
        if (await access.RefusalAsync(request, id, ct) is { } refusal)
        {
            return refusal;
        }

        var entries = await timeline.ForCustomerAsync(id, ct);
        return Results.Json(entries.Select(e => new
        {
            customer = e.Customer,
            at = OutcomeWriter.Instant(e.At),
            action = e.Action,
            period = e.Period,
            pack = e.Pack,
            detail = e.Detail,
        }));
    }

    public static async Task<IResult> StatusAsync(string id, HttpRequest request, CustomerAccess access, ServiceStatusStore statuses, CancellationToken ct)
    {
        if (await access.RefusalAsync(request, id, ct) is { } refusal)
        {
            return refusal;
        }

        var status = await statuses.GetAsync(id, ct);
        var body = JsonSerializer.Serialize(new { customer = id, status = status.Status, reason = status.Reason, since = status.Since == default ? null : OutcomeWriter.Instant(status.Since) });
        var etag = EntityTags.Of(body);
        request.HttpContext.Response.Headers[HeaderNames.ETag] = etag;
        return EntityTags.NoneMatch(request.Headers[HeaderNames.IfNoneMatch], etag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Text(body, "application/json");
    }
}
