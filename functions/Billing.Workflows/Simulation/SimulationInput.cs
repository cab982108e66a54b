using Billing.Domain.Accounts;
using Billing.Domain.Catalog;
using Billing.Domain.Metering;
using Billing.Domain.Payments;

namespace Billing.Workflows.Simulation;

/// <summary>
/// Everything a simulated run plays: the window [<see cref="Start"/>, <see cref="End"/>) (nothing at or
/// after <see cref="End"/> happens), the catalog, the customers, the events in arrival order (by
/// received time; the order given breaks ties), the payments, and the grace after a period's end
/// before it is settled. <see cref="KeepDetails"/> keeps per-event deductions for bill explanations.
/// </summary>
public sealed record SimulationInput(
    DateTimeOffset Start,
    DateTimeOffset End,
    TimeSpan LateArrivalGrace,
    ProductCatalog Catalog,
    IReadOnlyList<Customer> Customers,
    IEnumerable<RawUsageEvent> EventsInArrivalOrder,
    IReadOnlyList<Payment> Payments,
    bool KeepDetails = false)
{
    /// <summary>Dunning ladders by customer risk level; a customer without a level, or with one not listed, follows the catalog's policy.</summary>
    public IReadOnlyDictionary<string, Domain.Dunning.DunningPolicy> DunningLadders { get; init; } = new Dictionary<string, Domain.Dunning.DunningPolicy>(StringComparer.Ordinal);

    /// <summary>
    /// Invoices issued before this run (by the service): each invoiced customer issues these, by key, instead of pricing
    /// them again (see <see cref="BillingAccount.IssuedBefore"/>). Empty for a scenario file.
    /// </summary>
    public IReadOnlyList<Domain.Invoicing.Invoice> IssuedInvoices { get; init; } = [];

    /// <summary>The real issue instants of usage invoices issued late, by customer and invoice key (see <see cref="BillingAccount.IssuedLateAt"/>). Empty for a scenario file.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, DateTimeOffset>> IssuedLateAt { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, DateTimeOffset>>(StringComparer.Ordinal);

    /// <summary>Payment plans agreed for usage invoices (see <see cref="PaymentPlan"/>).</summary>
    public IReadOnlyList<PaymentPlan> PaymentPlans { get; init; } = [];

    /// <summary>
    /// The plan each settled period was priced with, by customer id and period name, for the late-usage lines of those
    /// periods (see <see cref="BillingAccount.SettledPlans"/>). Empty for a scenario file (one catalog prices every period).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, Domain.Catalog.Plan>> SettledPlans { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, Domain.Catalog.Plan>>(StringComparer.Ordinal);
}
