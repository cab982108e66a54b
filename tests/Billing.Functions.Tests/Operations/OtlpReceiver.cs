using System.Collections.Concurrent;
using Billing.Storage.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Billing.Functions.Tests.Operations;

/// <summary>A local OTLP/HTTP receiver: keeps every protobuf body posted to <c>/v1/metrics</c> and <c>/v1/traces</c>, decoded.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<IReadOnlyList<OtlpPoint>> metrics = new();
    private readonly ConcurrentQueue<IReadOnlyList<OtlpSpan>> traces = new();

    private OtlpReceiver(WebApplication app) => this.app = app;

    public string Url => app.Urls.First();

    public IEnumerable<OtlpPoint> Points => metrics.SelectMany(m => m);

    public IEnumerable<OtlpSpan> Spans => traces.SelectMany(t => t);

    /// <summary>The settings that make a host export to this receiver (metrics every 300 ms).</summary>
    public Dictionary<string, string> Settings => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Url,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "300",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
    };

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:" + LoopbackPorts.Free());
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            receiver.metrics.Enqueue(OtlpDecoder.Metrics(await ReadAsync(request)));
            return Results.Ok();
        });
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            receiver.traces.Enqueue(OtlpDecoder.Spans(await ReadAsync(request)));
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The latest value of a cumulative counter (summed over the attribute sets that match), once it reaches <paramref name="expected"/> or the bound passes.</summary>
    public async Task<double> CounterAsync(string metric, double expected, Func<OtlpPoint, bool>? where = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        double value;
        while ((value = Latest(metric, where)) < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return value;
    }

    /// <summary>The newest value of a gauge (summed over the attribute sets that match), once it equals <paramref name="expected"/> or the bound passes.</summary>
    public async Task<double> GaugeAsync(string metric, double expected, Func<OtlpPoint, bool>? where = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        double value;
        while ((value = Latest(metric, where)) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return value;
    }

    /// <summary>Polls (generously bounded) until <paramref name="condition"/> holds over the spans received.</summary>
    public async Task<IReadOnlyList<OtlpSpan>> SpansWhenAsync(Func<IReadOnlyList<OtlpSpan>, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var spans = Spans.ToList();
            if (condition(spans))
            {
                return spans;
            }

            await Task.Delay(100);
        }

        return Spans.ToList();
    }

    private double Latest(string metric, Func<OtlpPoint, bool>? where)
    {
        // Cumulative points: per attribute set, the newest export holds the total.
        return Points.Where(p => p.Metric == metric && (where is null || where(p)))
            .GroupBy(p => string.Join(",", p.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + a.Value)), StringComparer.Ordinal)
            .Sum(g => g.OrderBy(p => p.TimeUnixNano).Last().Value);
    }

    private static async Task<byte[]> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
