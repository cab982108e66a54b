using System.Text.RegularExpressions;
using Billing.Storage;
using Billing.Storage.Blobs;

namespace Billing.LocalHost.Functions;

/// <summary>
/// The singleton locks of the timer functions, kept as the Functions host keeps them: one blob per host id and
/// function in the <c>locks</c> container (<c>{hostId}/{function}</c>), leased for <see cref="LeaseDuration"/> at a
/// time. The host id is <c>AzureFunctionsJobHost__id</c> when set, else <c>WEBSITE_SITE_NAME</c>, else
/// <c>billing-functions</c> (lower-cased; letters, digits and dashes, at most 32 characters); hosts on one storage
/// account with one host id share the locks. The container is created on first use.
/// </summary>
public sealed partial class ScheduleLocks(IStorageAccount storage, IConfiguration configuration)
{
    public const string Container = "locks";
    public const string DefaultHostId = "billing-functions";

    /// <summary>How long a lease holds unless renewed: a host that dies frees its lock after at most this.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(15);

    private readonly IBlobContainerClient container = storage.GetBlobContainerClient(Container);
    private readonly string hostId = HostId(configuration);
    private volatile bool created;

    /// <summary>The lease on <paramref name="function"/>'s lock, or null while another host holds it.</summary>
    public async Task<IBlobLease?> TryAcquireAsync(string function, CancellationToken cancellationToken)
    {
        if (!created)
        {
            await container.CreateIfNotExistsAsync(cancellationToken);
            created = true;
        }

        return await container.TryAcquireLeaseAsync($"{hostId}/{function}", LeaseDuration, cancellationToken);
    }

    private static string HostId(IConfiguration configuration)
    {
        string id = (configuration["AzureFunctionsJobHost:id"] is { Length: > 0 } configured ? configured
            : configuration["WEBSITE_SITE_NAME"] is { Length: > 0 } site ? site
            : DefaultHostId).ToLowerInvariant();
        if (id.Length > 32 || !HostIdPattern().IsMatch(id))
        {
            throw new InvalidOperationException(
                $"AzureFunctionsJobHost__id '{id}': a host id is at most 32 lower-case letters, digits and dashes, not starting or ending with a dash.");
        }

        return id;
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex HostIdPattern();
}
