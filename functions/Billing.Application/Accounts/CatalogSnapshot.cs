using Billing.Domain.Catalog;
using Billing.Domain.Periods;

namespace Billing.Application.Accounts;

/// <summary>The catalog version in force and its parsed form.</summary>
public sealed record CatalogSnapshot(long Version, ProductCatalog Catalog)
{
    public BillingCalendar Calendar { get; } = new(Catalog.TimeZone);
}
