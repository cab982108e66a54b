namespace Billing.Storage.Queues;

/// <summary>A received message: id, the pop receipt needed to delete or update it, how often it was dequeued (this time included), and its decoded text.</summary>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    long DequeueCount,
    string MessageText,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset NextVisibleOn);
