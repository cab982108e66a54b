using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Billing.Storage.Http;

/// <summary>
/// Records each call a storage client makes in <see cref="StorageMetrics"/>: placed per call (before the retry
/// policy), so one logical request counts once, its duration includes retries and back-off, and its status is the
/// final one (0 when no response came).
/// </summary>
internal sealed class StorageMetricsPolicy(StorageService service) : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            StorageMetrics.Record(service, message.Request.Method.Method, message.HasResponse ? message.Response.Status : 0, StorageRequestKind.Of(service, message.Request.Method, message.Request.Uri.ToUri()), started);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            StorageMetrics.Record(service, message.Request.Method.Method, message.HasResponse ? message.Response.Status : 0, StorageRequestKind.Of(service, message.Request.Method, message.Request.Uri.ToUri()), started);
        }
    }
}
