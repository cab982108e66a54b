using Azure.Core;
using Azure.Identity;

namespace Billing.Storage.Connection;

/// <summary>
/// How to reach the storage account, read from settings the way Azure Functions reads a connection named
/// <c>AzureWebJobsStorage</c>: either the setting itself holds a connection string (<c>UseDevelopmentStorage=true</c>,
/// account key or SAS, parsed by the SDK clients), or it is identity-based, through settings under the name:
/// <c>__accountName</c> (public-cloud endpoints), or <c>__tableServiceUri</c>, <c>__blobServiceUri</c>,
/// <c>__queueServiceUri</c> (each overrides the account's endpoint), with <c>__credential</c> = <c>managedidentity</c>
/// for a managed identity (user-assigned with <c>__clientId</c>) or absent for <see cref="DefaultAzureCredential"/>
/// (which uses <c>__clientId</c> for its managed identity leg). A connection string wins when both are set, as in Functions.
/// </summary>
public abstract record StorageConnection
{
    private StorageConnection()
    {
    }

    /// <summary>
    /// Reads the connection named <paramref name="name"/>: <paramref name="setting"/> answers a setting's value by its key
    /// (<paramref name="name"/> itself, or a key under it such as <c>accountName</c>). Throws <see cref="InvalidOperationException"/>
    /// naming the setting that is missing or malformed.
    /// </summary>
    public static StorageConnection FromSettings(string name, Func<string, string?> setting)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(setting);
        if (setting(name) is { Length: > 0 } connectionString)
        {
            return new ConnectionString(connectionString);
        }

        string? accountName = setting($"{name}:accountName");
        Uri? table = ServiceUri(name, "tableServiceUri", "table", accountName, setting);
        Uri? blob = ServiceUri(name, "blobServiceUri", "blob", accountName, setting);
        Uri? queue = ServiceUri(name, "queueServiceUri", "queue", accountName, setting);
        if (table is null && blob is null && queue is null)
        {
            throw new InvalidOperationException(
                $"{name} is not configured: set it to a connection string (UseDevelopmentStorage=true for Azurite), "
                + $"or {name}__accountName (or {name}__blobServiceUri, __queueServiceUri and __tableServiceUri) for an identity-based connection.");
        }

        if (table is null || blob is null || queue is null)
        {
            string missing = table is null ? "tableServiceUri" : blob is null ? "blobServiceUri" : "queueServiceUri";
            throw new InvalidOperationException(
                $"{name}__{missing} is not configured: the billing functions use tables, blobs and queues; set {name}__accountName or every service URI.");
        }

        string? clientId = setting($"{name}:clientId") is { Length: > 0 } id ? id : null;
        StorageCredentialKind kind = setting($"{name}:credential") switch
        {
            null or "" => StorageCredentialKind.Default,
            string value when value.Equals("managedidentity", StringComparison.OrdinalIgnoreCase) => StorageCredentialKind.ManagedIdentity,
            string value => throw new InvalidOperationException(
                $"{name}__credential '{value}' is not supported: use 'managedidentity', or leave it unset for DefaultAzureCredential."),
        };
        return new Identity(table, blob, queue, kind, clientId);
    }

    private static Uri? ServiceUri(string name, string key, string service, string? accountName, Func<string, string?> setting)
    {
        if (setting($"{name}:{key}") is { Length: > 0 } explicitUri)
        {
            return Uri.TryCreate(explicitUri, UriKind.Absolute, out Uri? uri) && uri.Scheme == Uri.UriSchemeHttps
                ? uri
                : throw new InvalidOperationException($"{name}__{key} '{explicitUri}' is not an absolute https URL.");
        }

        // The account's public-cloud endpoint, as Functions derives it from __accountName.
        return string.IsNullOrWhiteSpace(accountName) ? null : new Uri($"https://{accountName}.{service}.core.windows.net");
    }

    /// <summary>A connection string, handed to the SDK clients as is. Never printed: it may hold a key.</summary>
    public sealed record ConnectionString(string Value) : StorageConnection
    {
        public override string ToString() => "StorageConnection.ConnectionString { Value = (hidden) }";
    }

    /// <summary>An identity-based connection: each service's endpoint and the credential to request tokens with.</summary>
    public sealed record Identity(Uri TableServiceUri, Uri BlobServiceUri, Uri QueueServiceUri, StorageCredentialKind Credential, string? ClientId)
        : StorageConnection
    {
        /// <summary>The token credential the settings name; creating it sends nothing.</summary>
        public TokenCredential CreateCredential() => Credential switch
        {
            StorageCredentialKind.ManagedIdentity => new ManagedIdentityCredential(
                ClientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(ClientId)),
            _ => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = ClientId }),
        };
    }
}
