using Billing.Functions.Tests.Fixtures;
using Billing.Storage.Emulator;

namespace Billing.Functions.Tests.Hosting;

/// <summary>
/// Two hosts on one storage account share each schedule as Functions does (a lease in the <c>locks</c> container):
/// every occurrence of the settlement timer, here every second, runs on exactly one of them, and when one dies the
/// other carries on. On an Azurite of its own, so a timer firing every second touches no other test's customers.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ScheduleSingletonTests : IAsyncLifetime
{
    private const string Timer = "SettlementTimer";

    private AzuriteProcess? azurite;

    public async Task InitializeAsync() => azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_hosts_on_one_storage_account_run_each_settlement_occurrence_once_and_one_carries_on_when_the_other_dies()
    {
        HostProcess[] hosts = await Task.WhenAll(StartHostAsync(), StartHostAsync());
        await using HostProcess first = hosts[0];
        await using HostProcess second = hosts[1];

        var both = await Eventually.UntilAsync(
            () => Task.FromResult(Runs(first, second)), runs => runs.Select(r => r.Occurrence).Distinct().Count() >= 10, TimeSpan.FromSeconds(90));
        Assert.True(both.Select(r => r.Occurrence).Distinct().Count() >= 10, $"fewer than 10 occurrences ran:\n{first.RecentOutput}\n{second.RecentOutput}");
        AssertEachOccurrenceRanOnce(Runs(first, second));

        await first.KillAsync();
        int ranBefore = second.ScheduledRuns.Count(r => r.Function == Timer);
        var after = await Eventually.UntilAsync(
            () => Task.FromResult(second.ScheduledRuns.Count(r => r.Function == Timer)), count => count >= ranBefore + 5, TimeSpan.FromSeconds(90));
        Assert.True(after >= ranBefore + 5, $"the surviving host ran {after - ranBefore} occurrences after the other died:\n{second.RecentOutput}");
        AssertEachOccurrenceRanOnce(Runs(first, second));
    }

    private static List<(string Host, string Occurrence)> Runs(params HostProcess[] hosts) =>
        [.. hosts.SelectMany(h => h.ScheduledRuns.Where(r => r.Function == Timer).Select(r => (Host: h.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Occurrence)))];

    private static void AssertEachOccurrenceRanOnce(List<(string Host, string Occurrence)> runs)
    {
        var twice = runs.GroupBy(r => r.Occurrence).Where(g => g.Count() > 1).Select(g => $"{g.Key} on {string.Join(", ", g.Select(r => r.Host))}").ToList();
        Assert.True(twice.Count == 0, $"occurrences run more than once: {string.Join("; ", twice)}");
    }

    private Task<HostProcess> StartHostAsync() => HostProcess.StartAsync(HostFixture.HostDll, new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage"] = azurite!.ConnectionString,
        ["Billing__AdminKey"] = HostFixture.AdminKey,
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Billing__SettlementSchedule"] = "* * * * * *",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
    });
}
