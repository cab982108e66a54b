namespace Billing.Workflows.Simulation;

/// <summary>The instant the simulation has reached, as the clock of its workflow runtime. Only moves forward.</summary>
internal sealed class SimulationClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void MoveTo(DateTimeOffset instant)
    {
        if (instant > now)
        {
            now = instant;
        }
    }
}
