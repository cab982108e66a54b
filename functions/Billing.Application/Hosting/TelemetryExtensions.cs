using System.Globalization;
using Billing.Storage.Http;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Billing.Application.Hosting;

/// <summary>
/// OpenTelemetry metrics over OTLP, on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (environment or
/// <c>local.settings.json</c>): the storage requests (<see cref="StorageMetrics"/>) and the runtime's own HTTP server
/// and client meters. <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> (<c>grpc</c>, or <c>http/protobuf</c> posting to
/// <c>{endpoint}/v1/metrics</c>), <c>OTEL_METRIC_EXPORT_INTERVAL</c> (milliseconds, default 60,000) and the standard
/// resource variables (<c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>) apply. Off, nothing is collected.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The meters exported.</summary>
    public static IReadOnlyList<string> Meters { get; } =
        [BillingTelemetry.Name, StorageMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http"];

    public static IServiceCollection AddBillingTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var endpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return services;
        }

        var httpProtobuf = string.Equals(configuration["OTEL_EXPORTER_OTLP_PROTOCOL"], "http/protobuf", StringComparison.OrdinalIgnoreCase);
        var interval = int.TryParse(configuration["OTEL_METRIC_EXPORT_INTERVAL"], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0 ? ms : 60_000;
        services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder()
            .AddMeter([.. Meters])
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Protocol = httpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                exporter.Endpoint = new Uri(httpProtobuf ? endpoint.TrimEnd('/') + "/v1/metrics" : endpoint);
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
            })
            .Build());

        // Created at start-up (not on first use), flushed and disposed with the host.
        services.AddHostedService<TelemetryStarter>();
        return services;
    }

    private sealed class TelemetryStarter(MeterProvider provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            provider.ForceFlush(5_000);
            return Task.CompletedTask;
        }
    }
}
