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

    /// <summary>
    /// A connection string for an emulator on 127.0.0.1 at the given ports: the well-known account, addressed
    /// path-style (the account is the first path segment of each endpoint), as the SDK clients expect for the emulator.
    /// </summary>
    public static string ConnectionString(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
        + $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};"
        + $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};"
        + $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";
}
