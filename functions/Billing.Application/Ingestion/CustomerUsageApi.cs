using Billing.Domain.Catalog;
using Billing.Application.Accounts;
using Billing.Application.Http;
using Billing.Application.Security;

namespace Billing.Application.Ingestion;

/// <summary>
/// <c>GET /api/customers/{id}/usage?meter=&amp;from=&amp;to=&amp;granularity=hour|day|month</c>: the customer's usage
/// of one meter in local-time buckets, from the aggregate rows. Readable by operators and by the customer.
/// </summary>
public static class CustomerUsageApi
{
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    public static async Task<IResult> RunAsync(string id, HttpRequest request, CustomerAccess access, BillingDirectory directory, UsageReports reports, CancellationToken ct)
    {
        if (await access.RefusalAsync(request, id, ct) is { } refusal)
        {
            return refusal;
        }

        var (meterCode, meterProblem) = QueryParameters.Required(request, "meter");
        var (from, fromProblem) = QueryParameters.Instant(request, "from");
        var (to, toProblem) = QueryParameters.Instant(request, "to");
        if ((meterProblem ?? fromProblem ?? toProblem) is { } problem)
        {
            return problem;
        }

        if (to <= from || to - from > MaxRange)
        {
            return Problems.Field("to", $"must be after from and at most {MaxRange.TotalDays:0} days later");
        }

        var granularityText = request.Query["granularity"].ToString();
        if (!TryGranularity(granularityText, out var granularity))
        {
            return Problems.Field("granularity", "must be hour, day or month");
        }

        var catalog = await directory.CatalogAsync(ct);
        if (catalog is null || !catalog.Catalog.Meters.TryGetValue(meterCode!, out var meter))
        {
            return Problems.Field("meter", $"unknown meter '{meterCode}'");
        }

        if (meter.Aggregation == Aggregation.UniqueCount && granularity == UsageGranularity.Hour)
        {
            return Problems.Field("granularity", "unique-count meters are counted per day or month");
        }

        return Results.Json(await reports.SeriesAsync(id, meter, catalog.Calendar, from, to, granularity, ct), IngestionJson.Options);
    }

    private static bool TryGranularity(string text, out UsageGranularity granularity)
    {
        granularity = text switch
        {
            "" or "day" => UsageGranularity.Day,
            "hour" => UsageGranularity.Hour,
            "month" => UsageGranularity.Month,
            _ => (UsageGranularity)(-1),
        };
        return Enum.IsDefined(granularity);
    }
}
