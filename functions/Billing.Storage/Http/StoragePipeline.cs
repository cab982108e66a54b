using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Billing.Storage.Auth;

namespace Billing.Storage.Http;

/// <summary>
/// One Azure.Core pipeline per service client: client request id, retry with back-off, then the
/// authentication policy (signs each attempt). Sends a message and throws the typed storage exception
/// for error statuses the caller did not declare as expected; every request is counted in <see cref="StorageMetrics"/>.
/// </summary>
internal sealed class StoragePipeline
{
    private readonly HttpPipeline pipeline;
    private readonly string version;

    public StoragePipeline(StorageService service, string accountName, HttpPipelinePolicy authentication, StorageClientOptions options)
    {
        Service = service;
        AccountName = accountName;
        version = service == StorageService.Table ? StorageClientOptions.TableServiceVersion : StorageClientOptions.BlobQueueServiceVersion;
        pipeline = HttpPipelineBuilder.Build(options, [], [authentication], new ResponseClassifier());
    }

    public StorageService Service { get; }

    public string AccountName { get; }

    public HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        HttpMessage message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.Add("x-ms-version", version);
        return message;
    }

    /// <summary>Sends; returns the response when it succeeded or its status is in <paramref name="expected"/>, else throws.</summary>
    public async Task<Response> SendAsync(HttpMessage message, string operation, CancellationToken cancellationToken, params int[] expected)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            StorageMetrics.Record(Service, message.Request.Method.Method, message.HasResponse ? message.Response.Status : 0, started);
        }

        Response response = message.Response;
        if (response.IsError && !expected.Contains(response.Status))
        {
            throw StorageErrorParser.ToException(response, AccountName, operation);
        }

        return response;
    }
}
