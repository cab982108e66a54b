namespace Billing.Storage.Queues;

/// <summary>What sending returns: the message id, a pop receipt, and when it becomes visible and expires.</summary>
public sealed record SendReceipt(
    string MessageId,
    string PopReceipt,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset NextVisibleOn);
