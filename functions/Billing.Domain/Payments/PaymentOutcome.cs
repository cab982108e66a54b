namespace Billing.Domain.Payments;

/// <summary>What a payment did: the invoices it brought to paid, and the part that became credit.</summary>
public sealed record PaymentOutcome(IReadOnlyList<Receivable> Settled, decimal ToCredit);
