using Billing.Domain.Payments;

namespace Billing.Storage.Payments;

/// <summary>A payment whose <c>payment.recorded</c> event and receipt may not have gone out yet, and when it was recorded.</summary>
public sealed record PendingFollowUp(Payment Payment, DateTimeOffset RecordedAt);
