namespace Billing.Domain.Payments;

/// <summary>
/// An agreement to pay one usage invoice (<see cref="Period"/>) in installments, made at <see cref="CreatedAt"/>. While
/// the installments are met the invoice's dunning waits; a missed installment (paid so far below the installments due
/// by then) resumes the ladder from the step it had reached, counted from that installment's due date.
/// </summary>
public sealed record PaymentPlan(string Customer, string Period, DateTimeOffset CreatedAt, IReadOnlyList<Installment> Installments);

/// <summary>One installment: an amount due at an instant.</summary>
public sealed record Installment(decimal Amount, DateTimeOffset DueAt);
