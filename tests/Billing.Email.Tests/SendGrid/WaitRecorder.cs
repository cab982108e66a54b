namespace Billing.Email.Tests.SendGrid;

/// <summary>
/// The clock the sender's waits between attempts run on, in tests: each timer is recorded with its due time and fires at
/// once, so a test sees the waits asked for without sleeping through them. Everything else is the system clock.
/// </summary>
public sealed class WaitRecorder : TimeProvider
{
    private readonly List<TimeSpan> waits = [];

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (waits)
            {
                return waits.ToArray();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (waits)
        {
            waits.Add(dueTime);
        }

        return base.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
