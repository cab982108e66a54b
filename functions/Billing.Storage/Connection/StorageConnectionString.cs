using System.Net;

namespace Billing.Storage.Connection;

/// <summary>
/// A parsed Azure Storage connection string with Shared Key credentials.
/// Accepts <c>UseDevelopmentStorage=true</c> (the emulator's well-known account on 127.0.0.1:10000-10002),
/// <c>AccountName</c>/<c>AccountKey</c> with optional <c>DefaultEndpointsProtocol</c> (default https) and
/// <c>EndpointSuffix</c> (default core.windows.net), and explicit <c>BlobEndpoint</c>/<c>QueueEndpoint</c>/<c>TableEndpoint</c>.
/// An explicit endpoint on an IP address or localhost without a path is addressed path-style: the account
/// name is appended as the first path segment, as the emulator expects.
/// Not accepted: <c>SharedAccessSignature</c> strings and <c>DevelopmentStorageProxyUri</c>; for token (Entra ID)
/// access construct <see cref="StorageAccount"/> from <see cref="StorageEndpoints"/> and a TokenCredential instead.
/// <see cref="ToString"/> never prints the key.
/// </summary>
public sealed record StorageConnectionString(StorageEndpoints Endpoints, string AccountKey, bool IsDevelopmentStorage)
{
    private static readonly HashSet<string> IgnoredSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "FileEndpoint", "BlobSecondaryEndpoint", "QueueSecondaryEndpoint", "TableSecondaryEndpoint", "FileSecondaryEndpoint",
    };

    private static readonly HashSet<string> KnownSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "UseDevelopmentStorage", "DefaultEndpointsProtocol", "AccountName", "AccountKey", "EndpointSuffix",
        "BlobEndpoint", "QueueEndpoint", "TableEndpoint",
    };

    public string AccountName => Endpoints.AccountName;

    /// <summary>The emulator's well-known account on its default loopback ports.</summary>
    public static StorageConnectionString DevelopmentStorageAccount { get; } =
        new(DevelopmentStorage.Endpoints(), DevelopmentStorage.AccountKey, IsDevelopmentStorage: true);

    /// <summary>Parses <paramref name="connectionString"/>; throws <see cref="StorageConnectionStringException"/> naming what is missing or malformed.</summary>
    public static StorageConnectionString Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StorageConnectionStringException("The storage connection string is empty.");
        }

        Dictionary<string, string> settings = Split(connectionString);

        if (settings.TryGetValue("UseDevelopmentStorage", out string? useDev))
        {
            if (!bool.TryParse(useDev, out bool isDev))
            {
                throw new StorageConnectionStringException($"UseDevelopmentStorage must be true or false, not '{useDev}'.");
            }

            if (isDev)
            {
                return DevelopmentStorageAccount;
            }
        }

        if (!settings.TryGetValue("AccountName", out string? accountName) || accountName.Length == 0)
        {
            throw new StorageConnectionStringException("The storage connection string has no AccountName.");
        }

        if (!settings.TryGetValue("AccountKey", out string? accountKey) || accountKey.Length == 0)
        {
            throw new StorageConnectionStringException(
                $"The storage connection string for account '{accountName}' has no AccountKey.");
        }

        if (!IsBase64(accountKey))
        {
            throw new StorageConnectionStringException(
                $"The AccountKey in the storage connection string for account '{accountName}' is not valid Base64.");
        }

        string protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https").ToLowerInvariant();
        if (protocol is not ("http" or "https"))
        {
            throw new StorageConnectionStringException($"DefaultEndpointsProtocol must be http or https, not '{protocol}'.");
        }

        string suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        var endpoints = new StorageEndpoints(
            accountName,
            Endpoint(settings, "BlobEndpoint", "blob", accountName, protocol, suffix),
            Endpoint(settings, "QueueEndpoint", "queue", accountName, protocol, suffix),
            Endpoint(settings, "TableEndpoint", "table", accountName, protocol, suffix));
        return new StorageConnectionString(endpoints, accountKey, IsDevelopmentStorage: false);
    }

    /// <summary>True when <paramref name="endpoint"/> addresses the account path-style (account as the first path segment).</summary>
    public static bool IsPathStyle(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.IsLoopback
            || endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            || endpoint.AbsolutePath.Trim('/').Length > 0;
    }

    public override string ToString() =>
        $"StorageConnectionString {{ AccountName = {AccountName}, Blob = {Endpoints.Blob}, Queue = {Endpoints.Queue}, "
        + $"Table = {Endpoints.Table}, IsDevelopmentStorage = {IsDevelopmentStorage} }}";

    private static Dictionary<string, string> Split(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Split at the first '=' only: Base64 keys end in '=' padding.
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new StorageConnectionStringException(
                    $"The storage connection string has a part without 'name=value': '{NameOnly(part)}'.");
            }

            string name = part[..equals].Trim();
            string value = part[(equals + 1)..].Trim();
            if (name.Equals("SharedAccessSignature", StringComparison.OrdinalIgnoreCase))
            {
                throw new StorageConnectionStringException(
                    "SharedAccessSignature connection strings are not supported: use AccountName/AccountKey or a TokenCredential.");
            }

            if (name.Equals("DevelopmentStorageProxyUri", StringComparison.OrdinalIgnoreCase))
            {
                throw new StorageConnectionStringException(
                    "DevelopmentStorageProxyUri is not supported: give BlobEndpoint/QueueEndpoint/TableEndpoint explicitly.");
            }

            if (IgnoredSettings.Contains(name))
            {
                continue;
            }

            if (!KnownSettings.Contains(name))
            {
                throw new StorageConnectionStringException($"The storage connection string has an unknown setting '{name}'.");
            }

            if (!settings.TryAdd(name, value))
            {
                throw new StorageConnectionStringException($"The storage connection string sets '{name}' twice.");
            }
        }

        return settings;
    }

    private static string NameOnly(string part) => part.Length > 20 ? part[..20] + "..." : part;

    private static Uri Endpoint(
        Dictionary<string, string> settings, string setting, string service, string accountName, string protocol, string suffix)
    {
        if (!settings.TryGetValue(setting, out string? explicitEndpoint))
        {
            return new Uri($"{protocol}://{accountName}.{service}.{suffix}");
        }

        if (!Uri.TryCreate(explicitEndpoint.TrimEnd('/'), UriKind.Absolute, out Uri? endpoint)
            || endpoint.Scheme is not ("http" or "https"))
        {
            throw new StorageConnectionStringException($"{setting} '{explicitEndpoint}' is not an absolute http(s) URL.");
        }

        bool hostAddressed = endpoint.IsLoopback || IPAddress.TryParse(endpoint.Host, out _);
        if (hostAddressed && endpoint.AbsolutePath.Trim('/').Length == 0)
        {
            return new Uri($"{endpoint.GetLeftPart(UriPartial.Authority)}/{accountName}");
        }

        return endpoint;
    }

    private static bool IsBase64(string value)
    {
        Span<byte> buffer = stackalloc byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out int written) && written > 0;
    }
}
