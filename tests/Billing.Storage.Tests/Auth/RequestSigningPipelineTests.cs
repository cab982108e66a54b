using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Billing.Storage.Auth;
using Billing.Storage.Connection;
using Billing.Storage.Tests.Fixtures;

namespace Billing.Storage.Tests.Auth;

/// <summary>How the pipeline authenticates: every attempt dated and signed afresh, busy servers retried, tokens for production accounts.</summary>
public sealed class RequestSigningPipelineTests
{
    private readonly FakeTimeProvider clock = new();

    [Fact]
    public async Task A_retried_request_is_dated_and_signed_again()
    {
        var handler = new ScriptedHandler(clock, HttpStatusCode.ServiceUnavailable, HttpStatusCode.Created);
        StorageAccount account = SharedKeyAccount(handler);

        Assert.True(await account.GetQueueClient("usage").CreateIfNotExistsAsync());

        Assert.Equal(2, handler.Requests.Count);
        ScriptedHandler.RecordedRequest first = handler.Requests[0], second = handler.Requests[1];
        Assert.NotEqual(first.Headers["x-ms-date"], second.Headers["x-ms-date"]);
        Assert.NotEqual(first.Headers["Authorization"], second.Headers["Authorization"]);
        Assert.All(handler.Requests, r => Assert.Equal(ExpectedAuthorization(r), r.Headers["Authorization"]));
    }

    [Fact]
    public async Task A_server_that_stays_busy_is_retried_then_reported_with_its_status_and_code()
    {
        var handler = new ScriptedHandler(clock, HttpStatusCode.ServiceUnavailable);
        StorageAccount account = SharedKeyAccount(handler);

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => account.GetBlobContainerClient("invoices").CreateIfNotExistsAsync());

        Assert.Equal((503, "ServerBusy"), (error.Status, error.ErrorCode));
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Table_requests_are_signed_with_shared_key_lite()
    {
        var handler = new ScriptedHandler(clock, HttpStatusCode.NoContent);

        await SharedKeyAccount(handler).GetTableClient("usage").CreateIfNotExistsAsync();

        Assert.StartsWith("SharedKeyLite devstoreaccount1:", handler.Requests[0].Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_credential_sends_a_bearer_token_for_the_storage_scope()
    {
        var handler = new ScriptedHandler(clock, HttpStatusCode.Created);
        var credential = new StaticTokenCredential();
        var account = new StorageAccount(StorageEndpoints.ForAccount("billingprod"), credential, Options(handler));

        await account.GetBlobContainerClient("invoices").CreateIfNotExistsAsync();

        Assert.Equal("Bearer token-for-storage", handler.Requests[0].Headers["Authorization"]);
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes);
        Assert.Equal(new Uri("https://billingprod.blob.core.windows.net/invoices?restype=container"), handler.Requests[0].Uri);
    }

    private StorageAccount SharedKeyAccount(ScriptedHandler handler) =>
        new(DevelopmentStorage.Endpoints(), new Azure.AzureNamedKeyCredential(DevelopmentStorage.AccountName, DevelopmentStorage.AccountKey), Options(handler));

    private StorageClientOptions Options(ScriptedHandler handler)
    {
        var options = new StorageClientOptions { Transport = new HttpClientTransport(handler), TimeProvider = clock };
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        return options;
    }

    private static string ExpectedAuthorization(ScriptedHandler.RecordedRequest request)
    {
        var input = new SigningInput(request.Method, request.Uri, request.Headers.ToList(), 0);
        string signature = SharedKeyCanonicalizer.Sign(
            SharedKeyCanonicalizer.BlobQueueStringToSign(input, DevelopmentStorage.AccountName), Convert.FromBase64String(DevelopmentStorage.AccountKey));
        return $"SharedKey {DevelopmentStorage.AccountName}:{signature}";
    }

    private sealed class StaticTokenCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("token-for-storage", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
