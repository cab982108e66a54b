namespace Billing.Domain.Accounts;

/// <summary>How a sub-account is billed relative to its parent.</summary>
public enum ChildBilling
{
    /// <summary>The child's usage counts as the parent's; the child has no invoices.</summary>
    Pooled,

    /// <summary>Rated on its own plan, packs and quota over the parent's periods; lines join the parent's invoice.</summary>
    Separate,

    /// <summary>An ordinary customer with its own invoices.</summary>
    Independent,
}
