using Billing.Domain.Payments;

namespace Billing.Storage.Payments;

/// <summary>A customer's payments in time order, and those whose follow-up is pending, oldest recorded first.</summary>
public sealed record CustomerPayments(IReadOnlyList<Payment> Payments, IReadOnlyList<PendingFollowUp> FollowUps);
