namespace Billing.Email.Tests.Fixtures;

/// <summary>A clock that stands still unless advanced; the senders only read it.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    public static readonly DateTimeOffset InvoiceDay = new(2026, 2, 3, 9, 30, 0, TimeSpan.Zero);

    private DateTimeOffset now = start;

    public FakeClock()
        : this(InvoiceDay)
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (this)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (this)
        {
            now += by;
        }
    }
}
