using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Billing.Storage.Auth;
using Billing.Storage.Blobs;
using Billing.Storage.Connection;
using Billing.Storage.Http;
using Billing.Storage.Queues;
using Billing.Storage.Tables;

namespace Billing.Storage;

/// <summary>
/// A storage account reached over REST: Shared Key signing from a connection string or an account key,
/// or bearer tokens from a <see cref="TokenCredential"/> (scope <c>https://storage.azure.com/.default</c>)
/// for production accounts. One Azure.Core pipeline per service, shared by the clients it hands out.
/// <code>var account = StorageAccount.FromConnectionString("UseDevelopmentStorage=true");
/// ITableClient usage = account.GetTableClient("usage");</code>
/// </summary>
public sealed class StorageAccount : IStorageAccount
{
    /// <summary>The OAuth scope Azure Storage accepts tokens for.</summary>
    public const string TokenScope = "https://storage.azure.com/.default";

    private readonly StoragePipeline blobPipeline;
    private readonly StoragePipeline queuePipeline;
    private readonly StoragePipeline tablePipeline;

    public StorageAccount(StorageEndpoints endpoints, AzureNamedKeyCredential credential, StorageClientOptions? options = null)
        : this(endpoints, options ?? new StorageClientOptions(), service => SharedKey(service, credential, options))
    {
    }

    public StorageAccount(StorageEndpoints endpoints, TokenCredential credential, StorageClientOptions? options = null)
        : this(endpoints, options ?? new StorageClientOptions(), _ => new BearerTokenAuthenticationPolicy(credential, TokenScope))
    {
    }

    private StorageAccount(StorageEndpoints endpoints, StorageClientOptions options, Func<StorageService, HttpPipelinePolicy> authentication)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        Endpoints = endpoints;
        blobPipeline = new StoragePipeline(StorageService.Blob, endpoints.AccountName, authentication(StorageService.Blob), options);
        queuePipeline = new StoragePipeline(StorageService.Queue, endpoints.AccountName, authentication(StorageService.Queue), options);
        tablePipeline = new StoragePipeline(StorageService.Table, endpoints.AccountName, authentication(StorageService.Table), options);
    }

    public StorageEndpoints Endpoints { get; }

    public string AccountName => Endpoints.AccountName;

    /// <summary>Parses <paramref name="connectionString"/> (see <see cref="StorageConnectionString"/>) and signs with its key.</summary>
    public static StorageAccount FromConnectionString(string connectionString, StorageClientOptions? options = null)
    {
        StorageConnectionString parsed = StorageConnectionString.Parse(connectionString);
        return new StorageAccount(parsed.Endpoints, new AzureNamedKeyCredential(parsed.AccountName, parsed.AccountKey), options);
    }

    public ITableClient GetTableClient(string tableName) => new TableRestClient(tablePipeline, Endpoints.Table, tableName);

    public IBlobContainerClient GetBlobContainerClient(string containerName) => new BlobContainerRestClient(blobPipeline, Endpoints.Blob, containerName);

    public IQueueClient GetQueueClient(string queueName) => new QueueRestClient(queuePipeline, Endpoints.Queue, queueName);

    private static SharedKeySigningPolicy SharedKey(StorageService service, AzureNamedKeyCredential credential, StorageClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(credential);
        (string name, string key) = credential;
        return new SharedKeySigningPolicy(service, name, key, options?.TimeProvider ?? TimeProvider.System);
    }
}
