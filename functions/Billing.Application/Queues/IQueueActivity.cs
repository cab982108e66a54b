namespace Billing.Application.Queues;

/// <summary>A running queue trigger, as seen by whoever needs to run it on demand or wait for it to go idle (the simulated clock).</summary>
public interface IQueueActivity
{
    string QueueName { get; }

    bool IsBusy { get; }

    Task<int> RunOnceAsync(CancellationToken ct);
}
