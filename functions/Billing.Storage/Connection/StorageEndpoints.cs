namespace Billing.Storage.Connection;

/// <summary>
/// The account name and the three service endpoints of one storage account. Endpoints include the
/// account path segment when the account is addressed path-style (Azurite, IP or localhost hosts),
/// e.g. <c>http://127.0.0.1:10000/devstoreaccount1</c>; resource paths are appended to them.
/// </summary>
public sealed record StorageEndpoints(string AccountName, Uri Blob, Uri Queue, Uri Table)
{
    /// <summary>Public-cloud endpoints (<c>https://{account}.{service}.core.windows.net</c>) for token-based access.</summary>
    public static StorageEndpoints ForAccount(string accountName, string endpointSuffix = "core.windows.net")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        return new StorageEndpoints(
            accountName,
            new Uri($"https://{accountName}.blob.{endpointSuffix}"),
            new Uri($"https://{accountName}.queue.{endpointSuffix}"),
            new Uri($"https://{accountName}.table.{endpointSuffix}"));
    }
}
