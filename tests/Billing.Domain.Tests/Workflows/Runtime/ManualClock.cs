namespace Billing.Domain.Tests.Workflows.Runtime;

/// <summary>A clock that stands still unless advanced; the runtime and the test workflows only read it.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly Lock gate = new();
    private DateTimeOffset now = start;

    public ManualClock()
        : this(Start)
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
        }
    }

    public void Set(DateTimeOffset at)
    {
        lock (gate)
        {
            now = at;
        }
    }
}
