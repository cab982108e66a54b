namespace Billing.Application.Time;

/// <summary>Loads the persisted simulated time at start-up, after storage is up and before requests are served.</summary>
public sealed class SimulatedClockLoader(SimulatedClock clock) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => clock.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
