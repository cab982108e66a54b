using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Billing.Storage;
using Billing.Storage.Http;
using DurableTask.AzureStorage;

namespace Billing.LocalHost.Durable;

/// <summary>
/// The storage clients of the local Durable Task backend (<see cref="DurableSidecar"/>): those of the application's
/// <see cref="StorageAccount"/>, resolved once from <c>AzureWebJobsStorage</c> (<see cref="Billing.Storage.Connection.StorageConnection"/>):
/// with a connection string, clients built from it; identity-based, clients for the account's three service endpoints
/// with the same token credential the application's clients use. Blobs and Queues are pinned to the account's service
/// versions (<see cref="StorageAccount.BlobVersion"/>, <see cref="StorageAccount.QueueVersion"/>) and every request is counted in the storage metrics, as the
/// application's clients are.
/// </summary>
public static class DurableStorageClients
{
    /// <summary>The client provider for <paramref name="account"/>; <paramref name="options"/> (retry, metrics, transport) default to the application's.</summary>
    public static StorageAccountClientProvider For(StorageAccount account, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        options ??= new StorageClientOptions();
        var blob = options.ApplyTo(new BlobClientOptions(StorageAccount.BlobVersion), StorageService.Blob);
        var queue = options.ApplyTo(new QueueClientOptions(StorageAccount.QueueVersion), StorageService.Queue);
        var table = options.ApplyTo(new TableClientOptions(), StorageService.Table);
        return account.WithAuthorization(
            connection => new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connection, blob),
                StorageServiceClientProvider.ForQueue(connection, queue),
                StorageServiceClientProvider.ForTable(connection, table)),
            credential => new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(account.BlobServiceUri, credential, blob),
                StorageServiceClientProvider.ForQueue(account.QueueServiceUri, credential, queue),
                StorageServiceClientProvider.ForTable(account.TableServiceUri, credential, table)));
    }
}
