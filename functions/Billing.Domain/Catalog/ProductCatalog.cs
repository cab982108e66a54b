using Billing.Domain.Dunning;
using Billing.Domain.Money;

namespace Billing.Domain.Catalog;

/// <summary>
/// The tenant's catalog: time zone of its periods, currency, meters, plans and dunning policy.
/// </summary>
public sealed record ProductCatalog(
    TimeZoneInfo TimeZone,
    Currency Currency,
    IReadOnlyDictionary<string, Meter> Meters,
    IReadOnlyDictionary<string, Plan> Plans,
    DunningPolicy Dunning);
