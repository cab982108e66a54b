using System.Diagnostics;
using Billing.Application.Hosting;

namespace Billing.Application.Email;

/// <summary>
/// Wraps an <see cref="IEmailSender"/> in an <c>email.send</c> span and counts each send in
/// <see cref="BillingTelemetry.EmailsSent"/> or <see cref="BillingTelemetry.EmailsFailed"/>, tagged with the kind (the
/// message id's first segment, such as <c>invoice</c>); an invalid message (<see cref="ArgumentException"/>) counts as failed.
/// </summary>
public sealed class EmailTelemetrySender(IEmailSender inner) : IEmailSender
{
    /// <summary>The sender that delivers (SendGrid or the outbox).</summary>
    public IEmailSender Inner => inner;

    public async Task<EmailReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var kind = KindOf(message.MessageId);
        using var activity = BillingTelemetry.Source.StartActivity("email.send");
        activity?.SetTag("billing.email.kind", kind);
        try
        {
            var receipt = await inner.SendAsync(message, cancellationToken);
            BillingTelemetry.EmailsSent.Add(1, BillingTelemetry.Tag("kind", kind));
            return receipt;
        }
        catch (Exception ex) when (ex is EmailDeliveryException or ArgumentException)
        {
            BillingTelemetry.EmailsFailed.Add(1, BillingTelemetry.Tag("kind", kind));
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    /// <summary>The message id's first segment (<c>invoice/INV-1</c> is <c>invoice</c>), lower-case letters, digits and dashes only, at most 32 characters.</summary>
    public static string KindOf(string? messageId)
    {
        var head = (messageId ?? string.Empty).Split('/')[0];
        return head.Length is > 0 and <= 32 && head.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') ? head : "other";
    }
}
