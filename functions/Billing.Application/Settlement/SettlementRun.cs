using Billing.Application.Collections.Dunning;
using Billing.Storage.Invoicing;

namespace Billing.Application.Settlement;

/// <summary>
/// What one settlement of an invoiced customer did: the invoices it issued, every invoice of the customer with its
/// standing (paid amount and status) as of the run, and, by period, the next dunning instant of each unpaid usage invoice as the
/// run's documents and payment plans give it (what the invoice's dunning orchestration would otherwise read again).
/// </summary>
public sealed record SettlementRun(IReadOnlyList<StoredInvoice> Issued, IReadOnlyList<StoredInvoice> Invoices)
{
    public static SettlementRun Nothing { get; } = new([], []);

    /// <summary>The next dunning instant of each unpaid usage invoice, by period (none handled yet).</summary>
    public IReadOnlyDictionary<string, DunningInstant> Dunning { get; init; } = new Dictionary<string, DunningInstant>(StringComparer.Ordinal);
}
