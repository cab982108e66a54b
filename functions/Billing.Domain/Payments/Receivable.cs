using Billing.Domain.Invoicing;

namespace Billing.Domain.Payments;

/// <summary>
/// An issued invoice and what has been paid on it. It is paid when payments reach its total
/// (a total of 0 is paid when issued).
/// </summary>
public sealed class Receivable(Invoice invoice)
{
    public Invoice Invoice { get; } = invoice;

    public decimal Paid { get; private set; }

    public decimal Balance => Invoice.Totals.Total - Paid;

    public bool IsPaid => Paid >= Invoice.Totals.Total;

    /// <summary>Applies up to the open balance; returns what it took.</summary>
    public decimal Apply(decimal amount)
    {
        var part = Math.Min(amount, Balance);
        if (part <= 0m)
        {
            return 0m;
        }

        Paid += part;
        return part;
    }
}
