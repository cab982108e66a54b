using Billing.Application.Security;

namespace Billing.Application.Ingestion;

/// <summary>
/// <c>GET /api/customers/{id}/events/rejected</c> (admin key or the customer's portal key): every event of the
/// customer refused after the webhook answered, <c>[{"id","at","reason","rejectedAt"}]</c> in event-time order:
/// a repeated id with different content, an event Table Storage would not hold. Events refused at once are in the
/// webhook's answer, not here.
/// </summary>
public static class CustomerRejectedEventsApi
{
    public static async Task<IResult> RunAsync(string id, HttpRequest request, CustomerAccess access, RejectedEventStore rejections, CancellationToken ct)
    {
        if (await access.RefusalAsync(request, id, ct) is { } refusal)
        {
            return refusal;
        }

        return Results.Json(await rejections.ListAsync(id, ct), IngestionJson.Options);
    }
}
