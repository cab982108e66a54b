using Billing.Storage.Blobs;
using Billing.Storage.Queues;
using Billing.Storage.Tables;

namespace Billing.Storage;

/// <summary>
/// One storage account's tables, blob containers and queues, shaped like the official
/// TableServiceClient/BlobServiceClient/QueueServiceClient <c>Get...Client(name)</c> calls.
/// Getting a client makes no request; the resource may not exist yet.
/// Implemented by <see cref="StorageAccount"/> (the Azure SDK clients) and <see cref="InMemory.InMemoryStorageAccount"/>.
/// </summary>
public interface IStorageAccount
{
    string AccountName { get; }

    ITableClient GetTableClient(string tableName);

    IBlobContainerClient GetBlobContainerClient(string containerName);

    IQueueClient GetQueueClient(string queueName);
}
