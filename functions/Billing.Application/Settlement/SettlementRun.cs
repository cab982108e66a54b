using Billing.Domain.Dunning;
using Billing.Storage.Invoicing;

namespace Billing.Application.Settlement;

/// <summary>
/// What one settlement of an invoiced customer did: the invoices it issued, every invoice of the customer with its
/// standing (paid amount and status) as of the run, and the dunning ladder for the customer's risk level
/// (null when the customer is not invoiced on its own).
/// </summary>
public sealed record SettlementRun(IReadOnlyList<StoredInvoice> Issued, IReadOnlyList<StoredInvoice> Invoices, DunningPolicy? Ladder)
{
    public static SettlementRun Nothing { get; } = new([], [], null);
}
