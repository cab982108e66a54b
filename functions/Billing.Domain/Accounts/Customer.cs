using Billing.Domain.Invoicing;
using Billing.Domain.Packs;

namespace Billing.Domain.Accounts;

/// <summary>
/// A customer (account) of the tenant. <see cref="CreditLimit"/> null means no limit;
/// <see cref="ParentId"/> and <see cref="ChildBilling"/> are set together on a sub-account.
/// </summary>
public sealed record Customer(
    string Id,
    string Name,
    string Email,
    string PlanCode,
    DateTimeOffset StartsAt,
    decimal TaxRate,
    decimal? CreditLimit,
    IReadOnlyList<Coupon> Coupons,
    IReadOnlyList<PrepaidPack> Packs,
    string? ParentId,
    ChildBilling? ChildBilling)
{
    /// <summary>The dunning ladder to follow (<c>low</c>, <c>medium</c>, <c>high</c>); null follows the catalog's default policy.</summary>
    public string? RiskLevel { get; init; }

    /// <summary>The customer whose invoices, payments and credit limit this one's usage ends up in.</summary>
    public bool BillsThroughParent => ParentId is not null && ChildBilling is Accounts.ChildBilling.Pooled or Accounts.ChildBilling.Separate;

    /// <summary>The id of the customer whose invoices this one's usage and payments go to: the parent, or itself.</summary>
    public string InvoicedCustomerId => BillsThroughParent ? ParentId! : Id;
}
