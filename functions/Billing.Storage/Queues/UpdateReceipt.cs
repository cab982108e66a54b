namespace Billing.Storage.Queues;

/// <summary>What updating a message returns: its new pop receipt and when it becomes visible.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
