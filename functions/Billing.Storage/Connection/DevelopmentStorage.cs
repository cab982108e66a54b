namespace Billing.Storage.Connection;

/// <summary>
/// The emulator's well-known account (<c>devstoreaccount1</c> and its published key) and default
/// ports, which <c>UseDevelopmentStorage=true</c> stands for. The key is public and grants nothing
/// outside a local emulator.
/// </summary>
public static class DevelopmentStorage
{
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public const int BlobPort = 10000;
    public const int QueuePort = 10001;
    public const int TablePort = 10002;

    /// <summary>Endpoints of an emulator listening on loopback at the given ports (path-style, account in the path).</summary>
    public static StorageEndpoints Endpoints(int blobPort = BlobPort, int queuePort = QueuePort, int tablePort = TablePort) =>
        new(
            AccountName,
            new Uri($"http://127.0.0.1:{blobPort}/{AccountName}"),
            new Uri($"http://127.0.0.1:{queuePort}/{AccountName}"),
            new Uri($"http://127.0.0.1:{tablePort}/{AccountName}"));

    /// <summary>An explicit connection string for an emulator on the given ports, accepted by <see cref="StorageConnectionString.Parse"/>.</summary>
    public static string ConnectionString(int blobPort, int queuePort, int tablePort)
    {
        StorageEndpoints endpoints = Endpoints(blobPort, queuePort, tablePort);
        return $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
            + $"BlobEndpoint={endpoints.Blob};QueueEndpoint={endpoints.Queue};TableEndpoint={endpoints.Table};";
    }
}
