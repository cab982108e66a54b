using Billing.Application.Events;
using Billing.Domain.Accounts;
using Billing.Storage.Invoicing;
using Billing.Storage.Payments;

namespace Billing.Application.Settlement;

/// <summary>
/// Finishes what recording a payment started when the request that recorded it was cut short (the host died after storing
/// it) and the payer never delivered it again: the <c>payment.recorded</c> event (its id comes from the payment, so it is
/// never announced twice) and the receipt, showing the invoice standings of the settlement that finds it. Every settlement
/// of the paying account (the settlement schedule, a dunning step, a later payment) takes over the follow-ups still pending
/// <see cref="TakeOverAfter"/> after their payment was recorded; sooner, the request recording it may still be running.
/// A payer delivering the payment again after that instant, while a settlement takes it over, can get the receipt twice
/// (one message id, so recognisable), as after a crash between an email and its note.
/// </summary>
public sealed partial class PaymentFollowUps(IntegrationEventPublisher events, PaymentReceipts receipts, ILogger<PaymentFollowUps> logger)
{
    /// <summary>How long after recording a payment a settlement may take over its follow-up.</summary>
    public static readonly TimeSpan TakeOverAfter = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Announces and acknowledges each payment of <paramref name="pending"/> (read from the rows of <paramref name="family"/>'s
    /// members) recorded at least <see cref="TakeOverAfter"/> before <paramref name="now"/>; amounts in <paramref name="currency"/>.
    /// </summary>
    public async Task TakeOverAsync(
        IReadOnlyList<Customer> family, IReadOnlyList<PendingFollowUp> pending, IReadOnlyList<StoredInvoice> standings, string currency, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var followUp in pending.Where(p => p.RecordedAt + TakeOverAfter <= now))
        {
            // The pending payments are read from the family members' own rows, so the payer is one of them.
            var payer = family.First(c => c.Id == followUp.Payment.Customer);
            await events.EmitAsync(IntegrationEvent.PaymentRecorded(followUp.Payment, currency), ct);
            await receipts.SendAsync(followUp.Payment, payer, PaymentRecording.Repeated, standings, ct);
            LogTakenOver(followUp.Payment.Id, followUp.Payment.Customer, followUp.RecordedAt);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {Payment} of {Customer}, recorded at {RecordedAt} by a request cut short, announced and acknowledged by settlement")]
    private partial void LogTakenOver(string payment, string customer, DateTimeOffset recordedAt);
}
