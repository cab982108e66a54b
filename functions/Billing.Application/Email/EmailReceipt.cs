namespace Billing.Application.Email;

/// <summary>
/// Proof that a message left us: which provider took it, the caller's <see cref="EmailMessage.MessageId"/>, the
/// provider's own reference (SendGrid's <c>X-Message-Id</c>, or the outbox blob name) and when it was sent.
/// Sending the same message id to the outbox again returns the first receipt unchanged.
/// </summary>
public sealed record EmailReceipt(string Provider, string MessageId, string ProviderReference, DateTimeOffset SentAt);
