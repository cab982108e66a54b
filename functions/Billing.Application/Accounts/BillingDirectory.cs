using System.Collections.Concurrent;
using Billing.Domain.Accounts;
using Billing.Storage.Catalog;
using Billing.Storage.Customers;
using Billing.Workflows.Scenarios;

namespace Billing.Application.Accounts;

/// <summary>
/// The catalog in force and the customers, as the request paths need them: read from storage and kept for
/// a few seconds (several hosts share one account; a change made through this host is seen at once,
/// one made through another within <see cref="Freshness"/>).
/// </summary>
public sealed class BillingDirectory(CatalogStore catalogs, CustomerStore customers, TimeProvider clock)
{
    public static TimeSpan Freshness { get; } = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (Customer? Customer, DateTimeOffset LoadedAt)> customerCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, CatalogSnapshot> parsedVersions = new();
    private (CatalogSnapshot? Snapshot, DateTimeOffset LoadedAt) catalogCache;
    private CustomerListing? allCache;
    private (IReadOnlyList<CatalogVersion> History, DateTimeOffset LoadedAt)? historyCache;

    /// <summary>How far hosts' clocks may disagree when one reads the catalog history another publishes to.</summary>
    private static TimeSpan HistoryMargin { get; } = TimeSpan.FromMinutes(1);

    /// <summary>The latest catalog, or null before one is published.</summary>
    public async Task<CatalogSnapshot?> CatalogAsync(CancellationToken ct = default)
    {
        var cached = catalogCache;
        if (cached.Snapshot is not null && clock.GetUtcNow() - cached.LoadedAt < Freshness)
        {
            return cached.Snapshot;
        }

        var current = await catalogs.CurrentAsync(ct);
        var snapshot = current is null
            ? null
            : cached.Snapshot?.Version == current.Version ? cached.Snapshot : new CatalogSnapshot(current.Version, CatalogDocument.ReadStoredCatalog(current.Json));
        catalogCache = (snapshot, clock.GetUtcNow());
        return snapshot;
    }

    /// <summary>The customer, or null when unknown. Parsed against the current catalog.</summary>
    public async Task<Customer?> CustomerAsync(string id, CancellationToken ct = default)
    {
        if (customerCache.TryGetValue(id, out var cached) && clock.GetUtcNow() - cached.LoadedAt < Freshness)
        {
            return cached.Customer;
        }

        var catalog = await CatalogAsync(ct);
        var record = await customers.GetAsync(id, ct);
        var customer = record is null || catalog is null ? null : CatalogDocument.ReadStoredCustomer(record.Json, id, catalog.Catalog, DefaultStart(catalog, record.CreatedAt));
        customerCache[id] = (customer, clock.GetUtcNow());
        return customer;
    }

    /// <summary>
    /// The catalog in force for a billing period starting at <paramref name="periodStart"/>: the latest version
    /// published before that start (a changed plan applies from the next period), or the first version when the
    /// period started before any was published. Versions never change, so parsed ones are kept, and the version
    /// history read at instant L answers for every period that started a minute or more before L (a version
    /// published later, by any host, is published after that start).
    /// </summary>
    public async Task<CatalogSnapshot?> CatalogInForceAsync(DateTimeOffset periodStart, CancellationToken ct = default)
    {
        var cached = historyCache;
        var history = cached is { } known && periodStart <= known.LoadedAt - HistoryMargin ? known.History : null;
        if (history is null)
        {
            var now = clock.GetUtcNow();
            history = await catalogs.HistoryAsync(ct);
            historyCache = (history, now);
        }

        if (history.Count == 0)
        {
            return null;
        }

        var version = history.LastOrDefault(v => v.PublishedAt <= periodStart) ?? history[0];
        return parsedVersions.GetOrAdd(version.Version, _ => new CatalogSnapshot(version.Version, CatalogDocument.ReadStoredCatalog(version.Json)));
    }

    /// <summary>
    /// The documents in force for a period of the family's account that starts at <paramref name="periodStart"/>: the
    /// family's customer documents as stored now (read afresh, or <paramref name="records"/> when the caller has just read
    /// them with <see cref="CurrentRecordsAsync"/>) and the catalog version in force for the period
    /// (<see cref="CatalogInForceAsync"/>; the current one when the family's plans or pack meters are not all in it).
    /// </summary>
    public async Task<AccountDocuments> DocumentsInForceAsync(
        IReadOnlyList<Customer> family, DateTimeOffset periodStart, CancellationToken ct = default, IReadOnlyList<RecordedCustomer>? records = null)
    {
        var current = await CatalogAsync(ct) ?? throw new InvalidOperationException("no catalog has been published yet");
        records ??= await CurrentRecordsAsync(family, ct);
        var parsed = Parse(records, current);
        var inForce = await CatalogInForceAsync(periodStart, ct) ?? current;
        var fits = parsed.All(c => inForce.Catalog.Plans.ContainsKey(c.PlanCode)) && parsed.SelectMany(c => c.Packs).All(p => inForce.Catalog.Meters.ContainsKey(p.Meter));
        return new AccountDocuments(fits ? inForce : current, parsed, records);
    }

    /// <summary>The family's customer documents as stored now: one point read per member, never from the cache.</summary>
    public async Task<IReadOnlyList<RecordedCustomer>> CurrentRecordsAsync(IReadOnlyList<Customer> family, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(family);
        var records = new List<RecordedCustomer>(family.Count);
        foreach (var member in family)
        {
            var record = await customers.GetAsync(member.Id, ct) ?? throw new InvalidOperationException($"customer {member.Id} is gone");
            records.Add(new RecordedCustomer(record.Id, record.Json, record.CreatedAt));
        }

        return records;
    }

    /// <summary>
    /// The documents a settlement recorded, the customers parsed against the recorded catalog version (their plans and pack
    /// meters are in it); null when that version is unknown.
    /// </summary>
    public async Task<AccountDocuments?> DocumentsAsync(RecordedDocuments recorded, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var current = await CatalogAsync(ct);
        if (current is null)
        {
            return null;
        }

        var version = current.Version == recorded.CatalogVersion ? current : await CatalogVersionAsync(recorded.CatalogVersion, ct);
        return version is null ? null : new AccountDocuments(version, Parse(recorded.Customers, version), recorded.Customers);
    }

    /// <summary>A published catalog version, parsed once; null when there is none with that number.</summary>
    public async Task<CatalogSnapshot?> CatalogVersionAsync(long version, CancellationToken ct = default)
    {
        if (parsedVersions.TryGetValue(version, out var parsed))
        {
            return parsed;
        }

        var found = (await catalogs.HistoryAsync(ct)).FirstOrDefault(v => v.Version == version);
        return found is null ? null : parsedVersions.GetOrAdd(version, _ => new CatalogSnapshot(found.Version, CatalogDocument.ReadStoredCatalog(found.Json)));
    }

    /// <summary>
    /// How long a listing of every customer is kept while the directory stamp says nothing changed: it bounds what a
    /// writer that stopped between a customer write and its stamp (or a host of an older version, which writes none)
    /// can hide from this host.
    /// </summary>
    public static TimeSpan ListingMaxAge { get; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Every customer, parsed against the current catalog. The listing is kept: for <see cref="Freshness"/> as the rest,
    /// then for as long as the customers' directory stamp (<see cref="CustomerStore.StampAsync"/>, one point read) is the
    /// one read before listing, up to <see cref="ListingMaxAge"/>; so a host settling many customers lists them again only
    /// when one was created or changed, not every few seconds.
    /// </summary>
    public async Task<IReadOnlyList<Customer>> AllCustomersAsync(CancellationToken ct = default)
    {
        var catalog = await CatalogAsync(ct);
        if (catalog is null)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var kept = allCache is { } cached && cached.CatalogVersion == catalog.Version ? cached : null;
        if (kept is not null && now - kept.CheckedAt < Freshness)
        {
            return kept.Customers;
        }

        // Read before any listing: a write the listing misses stamps again after it, so the next check lists.
        var stamp = await customers.StampAsync(ct);
        if (kept is not null && now - kept.ListedAt < ListingMaxAge && stamp == kept.Stamp)
        {
            allCache = kept with { CheckedAt = now };
            return kept.Customers;
        }

        var all = (await customers.ListAsync(ct))
            .Select(r => CatalogDocument.ReadStoredCustomer(r.Json, r.Id, catalog.Catalog, DefaultStart(catalog, r.CreatedAt)))
            .ToList();
        allCache = new CustomerListing(all, catalog.Version, stamp, now, now);
        return all;
    }

    /// <summary>
    /// A mark that changes whenever the catalog is published or any customer is created or updated, through any host:
    /// the catalog version and the customers' directory stamp (<see cref="CustomerStore.StampAsync"/>, read afresh).
    /// Null before a catalog is published.
    /// </summary>
    public async Task<string?> ChangeMarkAsync(CancellationToken ct = default) =>
        await CatalogAsync(ct) is { } catalog ? $"{catalog.Version}/{await customers.StampAsync(ct)}" : null;

    /// <summary>An invoiced customer followed by the pooled and separate children billed through it; empty when unknown.</summary>
    public async Task<IReadOnlyList<Customer>> FamilyAsync(string invoicedId, CancellationToken ct = default)
    {
        var all = await AllCustomersAsync(ct);
        var head = all.FirstOrDefault(c => c.Id == invoicedId);
        return head is null ? [] : [head, .. all.Where(c => c.ParentId == invoicedId && c.BillsThroughParent)];
    }

    private static List<Customer> Parse(IReadOnlyList<RecordedCustomer> records, CatalogSnapshot catalog) =>
        records.Select(r => CatalogDocument.ReadCustomer(r.Document, r.Id, catalog.Catalog, DefaultStart(catalog, r.CreatedAt))).ToList();

    /// <summary>
    /// When a customer created without <c>startsAt</c> starts: local midnight of the day it was created, so usage
    /// from earlier that day counts too (proration counts the start day as a full day either way).
    /// </summary>
    public static DateTimeOffset DefaultStart(CatalogSnapshot catalog, DateTimeOffset createdAt) =>
        catalog.Calendar.StartOfDay(catalog.Calendar.LocalDate(createdAt));

    /// <summary>Forgets what was read, after this host changed the catalog or a customer.</summary>
    public void Invalidate(string? customerId = null)
    {
        if (customerId is null)
        {
            catalogCache = default;
            allCache = null;
            historyCache = null;
            customerCache.Clear();
        }
        else
        {
            customerCache.TryRemove(customerId, out _);
            allCache = null;
        }
    }

    /// <summary>A listing of every customer under a catalog version, with the directory stamp read before it, when it was listed and when the stamp was last checked.</summary>
    private sealed record CustomerListing(IReadOnlyList<Customer> Customers, long CatalogVersion, string? Stamp, DateTimeOffset ListedAt, DateTimeOffset CheckedAt);
}
