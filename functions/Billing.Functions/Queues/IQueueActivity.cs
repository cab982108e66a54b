namespace Billing.Functions.Queues;

/// <summary>A running queue trigger, as seen by whoever needs to wake it or wait for it to go idle.</summary>
public interface IQueueActivity
{
    string QueueName { get; }

    bool IsBusy { get; }

    void Nudge();

    Task<int> RunOnceAsync(CancellationToken ct);
}
