using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Billing.Storage.Blobs;
using Billing.Storage.Connection;
using Billing.Storage.Http;
using Billing.Storage.Queues;
using Billing.Storage.Tables;

namespace Billing.Storage;

/// <summary>
/// A storage account reached through the official SDK clients (<see cref="TableServiceClient"/>,
/// <see cref="BlobServiceClient"/>, <see cref="QueueServiceClient"/>), built once and shared by the narrow clients
/// it hands out. From a connection string (keys, SAS, <c>UseDevelopmentStorage=true</c>) or from service endpoints and
/// a token credential (see <see cref="StorageConnection"/>).
/// Blobs and Queues are pinned to service version 2026-06-06: their SDKs default to 2026-10-06, which Azurite 3.37
/// refuses; Azure accepts both. Tables' default version is accepted by both as is.
/// <code>var account = StorageAccount.FromConnectionString("UseDevelopmentStorage=true");
/// ITableClient usage = account.GetTableClient("usage");</code>
/// </summary>
public sealed class StorageAccount : IStorageAccount
{
    /// <summary>The Blob service version every client of the account is pinned to (the newest Azurite 3.37 accepts).</summary>
    public const BlobClientOptions.ServiceVersion BlobVersion = BlobClientOptions.ServiceVersion.V2026_06_06;

    /// <summary>The Queue service version every client of the account is pinned to (the newest Azurite 3.37 accepts).</summary>
    public const QueueClientOptions.ServiceVersion QueueVersion = QueueClientOptions.ServiceVersion.V2026_06_06;

    private readonly TableServiceClient tables;
    private readonly BlobServiceClient blobs;
    private readonly QueueServiceClient queues;
    private readonly string? connectionString;
    private readonly TokenCredential? credential;

    private StorageAccount(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues, string? connectionString, TokenCredential? credential)
    {
        this.tables = tables;
        this.blobs = blobs;
        this.queues = queues;
        this.connectionString = connectionString;
        this.credential = credential;
    }

    public string AccountName => blobs.AccountName;

    public Uri TableServiceUri => tables.Uri;

    public Uri BlobServiceUri => blobs.Uri;

    public Uri QueueServiceUri => queues.Uri;

    /// <summary>
    /// The loopback ports (blob, queue, table) when this is the emulator's account (<c>devstoreaccount1</c> over plain
    /// HTTP on 127.0.0.1 or localhost; <c>UseDevelopmentStorage=true</c> is ports 10000-10002), where the host may start
    /// Azurite itself; null for any other account.
    /// </summary>
    public int[]? EmulatorPorts
    {
        get
        {
            Uri[] endpoints = [blobs.Uri, queues.Uri, tables.Uri];
            bool emulator = string.Equals(AccountName, DevelopmentStorage.AccountName, StringComparison.Ordinal)
                && endpoints.All(e => e.Scheme == Uri.UriSchemeHttp && e.IsLoopback);
            return emulator ? [.. endpoints.Select(e => e.Port)] : null;
        }
    }

    /// <summary>The clients of the account a connection string names; the SDK clients parse it.</summary>
    public static StorageAccount FromConnectionString(string connectionString, StorageClientOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        options ??= new StorageClientOptions();
        return new StorageAccount(
            new TableServiceClient(connectionString, options.ApplyTo(new TableClientOptions(), StorageService.Table)),
            new BlobServiceClient(connectionString, options.ApplyTo(new BlobClientOptions(BlobVersion), StorageService.Blob)),
            new QueueServiceClient(connectionString, QueueOptions(options)),
            connectionString,
            null);
    }

    /// <summary>The clients of an account reached at the given endpoints with tokens from <paramref name="credential"/>.</summary>
    public static StorageAccount FromServiceUris(
        Uri tableServiceUri, Uri blobServiceUri, Uri queueServiceUri, TokenCredential credential, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        options ??= new StorageClientOptions();
        return new StorageAccount(
            new TableServiceClient(tableServiceUri, credential, options.ApplyTo(new TableClientOptions(), StorageService.Table)),
            new BlobServiceClient(blobServiceUri, credential, options.ApplyTo(new BlobClientOptions(BlobVersion), StorageService.Blob)),
            new QueueServiceClient(queueServiceUri, credential, QueueOptions(options)),
            null,
            credential);
    }

    /// <summary>The clients a <see cref="StorageConnection"/> (read from settings) names.</summary>
    public static StorageAccount FromConnection(StorageConnection connection, StorageClientOptions? options = null) => connection switch
    {
        StorageConnection.ConnectionString c => FromConnectionString(c.Value, options),
        StorageConnection.Identity i => FromServiceUris(i.TableServiceUri, i.BlobServiceUri, i.QueueServiceUri, i.CreateCredential(), options),
        _ => throw new ArgumentException($"Unknown storage connection {connection?.GetType().Name}.", nameof(connection)),
    };

    /// <summary>
    /// Hands this account's authorization to code that builds its own SDK clients for it (the local host's Durable Task
    /// backend), so both reach the same account the same way: <paramref name="withConnectionString"/> gets the connection
    /// string the account was built from (keys, SAS or the emulator; passed on, never kept or printed here), or
    /// <paramref name="withCredential"/> gets the one token credential this account's clients use, for the endpoints
    /// <see cref="TableServiceUri"/>, <see cref="BlobServiceUri"/> and <see cref="QueueServiceUri"/>.
    /// </summary>
    public TResult WithAuthorization<TResult>(Func<string, TResult> withConnectionString, Func<TokenCredential, TResult> withCredential)
    {
        ArgumentNullException.ThrowIfNull(withConnectionString);
        ArgumentNullException.ThrowIfNull(withCredential);
        return connectionString is not null ? withConnectionString(connectionString) : withCredential(credential!);
    }

    public ITableClient GetTableClient(string tableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        return new SdkTableClient(tables.GetTableClient(tableName), AccountName);
    }

    public IBlobContainerClient GetBlobContainerClient(string containerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(containerName);
        return new SdkBlobContainerClient(blobs.GetBlobContainerClient(containerName));
    }

    public IQueueClient GetQueueClient(string queueName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        return new SdkQueueClient(queues.GetQueueClient(queueName));
    }

    // Text goes out as given: QueueMessageRules does the Base64 the Functions trigger expects (see SdkQueueClient).
    private static QueueClientOptions QueueOptions(StorageClientOptions options) =>
        options.ApplyTo(new QueueClientOptions(QueueVersion) { MessageEncoding = QueueMessageEncoding.None }, StorageService.Queue);
}
