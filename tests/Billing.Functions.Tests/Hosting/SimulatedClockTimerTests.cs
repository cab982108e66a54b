using Billing.Functions.Tests.Fixtures;
using Billing.Storage.Emulator;

namespace Billing.Functions.Tests.Hosting;

/// <summary>
/// With a simulated clock the settlement timer still fires on its schedule, and does nothing: the clock's advance
/// settles and raises business time on the dunning orchestrations instead, so billing time never moves by the host's clock.
/// </summary>
public sealed class SimulatedClockTimerTests
{
    [Fact]
    public async Task Under_a_simulated_clock_the_settlement_timer_runs_its_occurrences_and_starts_nothing()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var host = await HostProcess.StartAsync(HostFixture.HostDll, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Billing__AdminKey"] = HostFixture.AdminKey,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Billing__Clock"] = "simulated",
            ["Billing__SettlementSchedule"] = "* * * * * *",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        });

        var runs = await Eventually.UntilAsync(
            () => Task.FromResult(host.ScheduledRuns),
            r => r.Count(x => x.Function == "SettlementTimer") >= 3,
            TimeSpan.FromSeconds(90));

        Assert.True(runs.Count(x => x.Function == "SettlementTimer") >= 3, $"the timer did not run:\n{host.RecentOutput}");
        Assert.DoesNotContain("Settlement requested for", host.RecentOutput, StringComparison.Ordinal);
    }
}
