using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Billing.Storage.Http;

/// <summary>
/// Every request sent to the storage account, as metrics on the meter <c>BillingFunctions.Storage</c>:
/// <c>billing.storage.requests</c> (a count) and <c>billing.storage.request.duration</c> (seconds, retries and
/// back-off included), tagged with the service (<c>table</c>, <c>blob</c>, <c>queue</c>), the HTTP method, the
/// final status code (0 when no response came), and the resource and operation (<see cref="StorageRequestKind"/>: the
/// table, queue or container name and what was done to it). Tags are kept to these values, never keys, messages or
/// blob names, so the series stay bounded. Exported by whatever listens (the host's OpenTelemetry exporter, dotnet-counters).
/// </summary>
public static class StorageMetrics
{
    public const string MeterName = "BillingFunctions.Storage";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Requests = Meter.CreateCounter<long>("billing.storage.requests", "{request}", "Requests sent to the storage account");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("billing.storage.request.duration", "s", "Time until the storage account answered, retries included");

    internal static void Record(StorageService service, string method, int status, StorageRequestKind kind, long startTimestamp)
    {
        var tags = new TagList
        {
            { "storage.service", service switch { StorageService.Table => "table", StorageService.Blob => "blob", _ => "queue" } },
            { "http.request.method", method },
            { "http.response.status_code", status },
            { "storage.resource", kind.Resource },
            { "storage.operation", kind.Operation },
        };
        Requests.Add(1, tags);
        Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
    }
}
