using System.Net;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Billing.LocalHost.Durable;
using Billing.Storage;
using Billing.Storage.Connection;
using DurableTask.AzureStorage;

namespace Billing.LocalHost.Tests;

/// <summary>
/// The local Durable backend reaches the storage account the application resolved from <c>AzureWebJobsStorage</c>: the
/// same endpoints and, identity-based, the same token credential. No token can be had here, so the credential is a
/// stand-in and the transport answers in place of Azure Storage (the SDK boundary); what is checked is what the
/// clients would send. A connection string's backend runs against Azurite in every host test.
/// </summary>
public sealed class DurableStorageClientsTests
{
    private const string Name = "AzureWebJobsStorage";

    [Fact]
    public void Identity_based_settings_point_the_backend_at_the_account_endpoints_with_the_chosen_credential()
    {
        StorageAccount account = Account(new()
        {
            [$"{Name}:accountName"] = "billingprod",
            [$"{Name}:tableServiceUri"] = "https://billingtables.table.core.windows.net",
            [$"{Name}:credential"] = "managedidentity",
            [$"{Name}:clientId"] = "00000000-0000-0000-0000-00000000abcd",
        });

        StorageAccountClientProvider provider = DurableStorageClients.For(account);

        BlobServiceClient blobs = provider.Blob.CreateClient(provider.Blob.CreateOptions());
        QueueServiceClient queues = provider.Queue.CreateClient(provider.Queue.CreateOptions());
        TableServiceClient tables = provider.Table.CreateClient(provider.Table.CreateOptions());
        Assert.Equal("https://billingprod.blob.core.windows.net/", blobs.Uri.AbsoluteUri);
        Assert.Equal("https://billingprod.queue.core.windows.net/", queues.Uri.AbsoluteUri);
        Assert.Equal("https://billingtables.table.core.windows.net/", tables.Uri.AbsoluteUri);
        Assert.Equal("billingprod", blobs.AccountName);
        Assert.IsType<ManagedIdentityCredential>(account.WithAuthorization<TokenCredential?>(_ => null, credential => credential));
    }

    [Fact]
    public async Task The_backend_s_requests_carry_the_application_s_credential_and_the_pinned_service_versions()
    {
        var credential = new StandInCredential();
        var answers = new RecordingHandler();
        StorageAccount account = StorageAccount.FromServiceUris(
            new Uri("https://billingprod.table.core.windows.net"), new Uri("https://billingprod.blob.core.windows.net"), new Uri("https://billingprod.queue.core.windows.net"), credential);

        StorageAccountClientProvider provider = DurableStorageClients.For(account, new StorageClientOptions { Transport = new HttpClientTransport(answers) });
        await AskAsync(() => provider.Blob.CreateClient(provider.Blob.CreateOptions()).GetBlobContainerClient("billinghub-leases").GetPropertiesAsync());
        await AskAsync(() => provider.Queue.CreateClient(provider.Queue.CreateOptions()).GetQueueClient("billinghub-control-00").GetPropertiesAsync());
        await AskAsync(() => provider.Table.CreateClient(provider.Table.CreateOptions()).GetTableClient("BillingHubInstances").GetEntityAsync<TableEntity>("p", "r"));

        Assert.Equal(["billingprod.blob.core.windows.net", "billingprod.queue.core.windows.net", "billingprod.table.core.windows.net"], answers.Requests.Select(r => r.Host));
        Assert.All(answers.Requests, r => Assert.Equal("Bearer " + StandInCredential.Token, r.Authorization));
        Assert.Equal(["2026-06-06", "2026-06-06"], answers.Requests.Take(2).Select(r => r.Version));
        Assert.Contains("https://storage.azure.com/.default", credential.Scopes);
    }

    [Fact]
    public void A_connection_string_points_the_backend_at_the_account_it_names()
    {
        StorageAccount account = Account(new() { [Name] = DevelopmentStorage.ConnectionString(41000, 41001, 41002) });

        StorageAccountClientProvider provider = DurableStorageClients.For(account);

        Assert.Equal(41000, provider.Blob.CreateClient(provider.Blob.CreateOptions()).Uri.Port);
        Assert.Equal(41001, provider.Queue.CreateClient(provider.Queue.CreateOptions()).Uri.Port);
        Assert.Equal(41002, provider.Table.CreateClient(provider.Table.CreateOptions()).Uri.Port);
        Assert.Equal(DevelopmentStorage.AccountName, provider.Blob.CreateClient(provider.Blob.CreateOptions()).AccountName);
    }

    /// <summary>Sends one request; the stand-in service answers 404, which is all the request needs to be seen.</summary>
    private static async Task AskAsync<T>(Func<Task<T>> request)
    {
        var answer = await Assert.ThrowsAsync<RequestFailedException>(request);
        Assert.Equal(404, answer.Status);
    }

    private static StorageAccount Account(Dictionary<string, string?> settings) =>
        StorageAccount.FromConnection(StorageConnection.FromSettings(Name, key => settings.GetValueOrDefault(key)));

    /// <summary>A token credential that hands out one fixed token and notes the scopes asked for.</summary>
    private sealed class StandInCredential : TokenCredential
    {
        public const string Token = "stand-in-token";

        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Answers every request 404 (nothing exists) and notes its host, Authorization header and service version.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<(string Host, string? Authorization, string? Version)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.RequestUri!.Host, request.Headers.Authorization?.ToString(), request.Headers.TryGetValues("x-ms-version", out var versions) ? versions.Single() : null));
            var response = new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent(string.Empty) };
            string host = request.RequestUri.Host;
            response.Headers.Add("x-ms-error-code", host.Contains(".blob.", StringComparison.Ordinal) ? "ContainerNotFound" : host.Contains(".queue.", StringComparison.Ordinal) ? "QueueNotFound" : "ResourceNotFound");
            return Task.FromResult(response);
        }
    }
}
