using System.Globalization;
using Billing.Storage.Http;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Billing.Application.Hosting;

/// <summary>
/// OpenTelemetry traces (<see cref="Sources"/>) and metrics over OTLP, on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (environment or
/// <c>local.settings.json</c>): the storage requests (<see cref="StorageMetrics"/>) and the runtime's own HTTP server
/// and client meters. <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> (<c>grpc</c>, or <c>http/protobuf</c> posting to
/// <c>{endpoint}/v1/metrics</c> and <c>{endpoint}/v1/traces</c>), <c>OTEL_METRIC_EXPORT_INTERVAL</c>, <c>OTEL_BSP_SCHEDULE_DELAY</c> (span batch delay, milliseconds, default 5,000) (milliseconds, default 60,000) and the standard
/// resource variables (<c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>) apply. Off, nothing is collected.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The meters exported.</summary>
    public static IReadOnlyList<string> Meters { get; } =
        [BillingTelemetry.Name, StorageMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http"];

    /// <summary>
    /// The activity sources exported: the application's (<see cref="BillingTelemetry"/>), ASP.NET Core's request spans
    /// (the webhook's root span, continuing an incoming <c>traceparent</c>), HttpClient's, and the Azure SDK's storage clients.
    /// </summary>
    public static IReadOnlyList<string> Sources { get; } =
        [BillingTelemetry.Name, "Microsoft.AspNetCore", "System.Net.Http", "Azure.Data.Tables.*", "Azure.Storage.*"];

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

        // The Azure SDK's storage spans (TableClient.*, BlobContainerClient.*, QueueClient.*) are off unless switched on.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var delay = int.TryParse(configuration["OTEL_BSP_SCHEDULE_DELAY"], NumberStyles.None, CultureInfo.InvariantCulture, out var bsp) && bsp > 0 ? bsp : 5_000;
        services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .AddSource([.. Sources])
            .AddOtlpExporter(exporter =>
            {
                exporter.Protocol = httpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                exporter.Endpoint = new Uri(httpProtobuf ? endpoint.TrimEnd('/') + "/v1/traces" : endpoint);
                exporter.BatchExportProcessorOptions.ScheduledDelayMilliseconds = delay;
            })
            .Build());

        // Created at start-up (not on first use), flushed and disposed with the host.
        services.AddHostedService<TelemetryStarter>();
        return services;
    }

    private sealed class TelemetryStarter(MeterProvider provider, TracerProvider tracer) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            tracer.ForceFlush(5_000);
            provider.ForceFlush(5_000);
            return Task.CompletedTask;
        }
    }
}
