namespace Billing.Application.Configuration;

/// <summary>
/// Queue trigger behaviour, as the Functions host's <c>host.json</c> queues section: messages fetched per
/// poll, how often a message may fail before it moves to <c>&lt;queue&gt;-poison</c>, and how far polling
/// backs off when the queue is idle.
/// </summary>
public sealed class QueueOptions
{
    public const string Section = "Queues";

    public int BatchSize { get; set; } = 16;

    public int MaxDequeueCount { get; set; } = 5;

    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Messages of one fetch processed at once by one host (the Functions host runs a whole batch in parallel too).
    /// Settlement requests spend most of their time waiting on storage, so a full batch keeps the account busy;
    /// usage batches are metered together whatever this says.
    /// </summary>
    public int Concurrency { get; set; } = 16;
}
