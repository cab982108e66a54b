using Billing.Application.Configuration;
using Billing.Storage;
using Billing.Storage.Usage;
using Microsoft.Extensions.Options;

namespace Billing.Application.Accounts;

/// <summary>
/// The usage table's stores, keyed by the catalog's time zone (partitions are local days). The zone is fixed
/// once the first catalog is published, so the stores (and the metering store's aggregate cache) live for
/// the host's lifetime.
/// </summary>
public sealed class TenantUsage(IStorageAccount storage, BillingDirectory directory, IOptions<BillingOptions> options)
{
    public const string TableName = "usage";

    private readonly object gate = new();
    private (string Zone, UsageMeteringStore Metering, UsageQueries Queries, UsageKeys Keys)? stores;

    public async Task<UsageMeteringStore> MeteringAsync(CancellationToken ct) => (await StoresAsync(ct)).Metering;

    public async Task<UsageQueries> QueriesAsync(CancellationToken ct) => (await StoresAsync(ct)).Queries;

    public async Task<UsageKeys> KeysAsync(CancellationToken ct) => (await StoresAsync(ct)).Keys;

    private async Task<(string Zone, UsageMeteringStore Metering, UsageQueries Queries, UsageKeys Keys)> StoresAsync(CancellationToken ct)
    {
        var catalog = await directory.CatalogAsync(ct) ?? throw new InvalidOperationException("no catalog has been published yet");
        lock (gate)
        {
            if (stores is { } current && current.Zone == catalog.Calendar.Zone.Id)
            {
                return current;
            }

            var keys = new UsageKeys(catalog.Calendar, options.Value.UsageShards);
            var table = storage.GetTableClient(TableName);
            stores = (catalog.Calendar.Zone.Id, new UsageMeteringStore(table, keys), new UsageQueries(table, keys), keys);
            return stores.Value;
        }
    }
}
