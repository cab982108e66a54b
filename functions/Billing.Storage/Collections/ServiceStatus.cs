namespace Billing.Storage.Collections;

/// <summary>
/// Whether a customer's service runs: <c>active</c>, <c>throttled</c> or <c>suspended</c>, why, and since when. Dunning
/// and the credit limit restrict separately (<see cref="DunningLevel"/>, <see cref="CreditSuspended"/>); the status is
/// the stronger of the two. <see cref="ETag"/> lets gateways poll cheaply with <c>If-None-Match</c>.
/// </summary>
public sealed record ServiceStatus(string Customer, string Status, string Reason, DateTimeOffset Since, string DunningLevel, bool CreditSuspended, string ETag)
{
    public static ServiceStatus Active(string customer) => new(customer, "active", "in good standing", default, "active", false, string.Empty);
}
