using Billing.Domain.Invoicing;

namespace Billing.Domain.Payments;

/// <summary>
/// A customer's invoices and payments and the credit balance between them, by the scenario format's payment rules:
/// a payment for a period settles that period's usage invoice (all of it becoming credit when that invoice is not
/// issued or already paid); without a period it pays the oldest open invoices first, prepaid ones included; a
/// surplus becomes credit, applied to the next invoice issued as a payment.
/// </summary>
public sealed class PaymentLedger
{
    private readonly List<Receivable> receivables = [];

    public IReadOnlyList<Receivable> Receivables => receivables;

    /// <summary>Overpayments not yet applied to an invoice.</summary>
    public decimal CreditBalance { get; private set; }

    /// <summary>Adds an issued invoice; the credit balance is applied to it at once.</summary>
    public Receivable Issue(Invoice invoice)
    {
        var receivable = new Receivable(invoice);
        receivables.Add(receivable);
        if (CreditBalance > 0m)
        {
            CreditBalance -= receivable.Apply(CreditBalance);
        }

        return receivable;
    }

    /// <summary>Applies a payment; returns the invoices it brought to paid and the part that became credit.</summary>
    public PaymentOutcome Apply(decimal amount, string? period)
    {
        var settled = new List<Receivable>();
        var left = amount;
        IEnumerable<Receivable> targets = period is null
            ? receivables.Where(r => !r.IsPaid)
            : receivables.Where(r => r.Invoice.Kind == InvoiceKind.Usage && r.Invoice.Period == period && !r.IsPaid);
        foreach (var receivable in targets.ToList())
        {
            left -= receivable.Apply(left);
            if (receivable.IsPaid)
            {
                settled.Add(receivable);
            }

            if (left == 0m)
            {
                break;
            }
        }

        CreditBalance += left;
        return new PaymentOutcome(settled, left);
    }
}
