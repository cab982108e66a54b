using System.Text.Json;
using Billing.Application.Configuration;
using Billing.Functions.Tests.Fixtures;
using Billing.Storage.Emulator;
using Microsoft.Extensions.Configuration;

namespace Billing.Functions.Tests.Hosting;

/// <summary>
/// A timer trigger's <c>%setting%</c> resolves from configuration, else from the application's default; a malformed
/// schedule is refused naming the setting, and stops the local host at start. The committed sample lists every
/// setting with its default.
/// </summary>
public sealed class TimerScheduleTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void A_configured_setting_wins_over_the_default()
    {
        TimerSchedule schedule = TimerSchedules.Resolve("%Billing:SpikeScanSchedule%", Settings(("Billing:SpikeScanSchedule", "*/7 * * * * *")));

        Assert.Equal("Billing:SpikeScanSchedule", schedule.Setting);
        Assert.Equal("*/7 * * * * *", schedule.Expression);
        Assert.Equal(new DateTime(2026, 12, 4, 10, 0, 7, DateTimeKind.Utc), schedule.NextAfter(new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void A_setting_left_unset_falls_back_to_the_application_default()
    {
        TimerSchedule schedule = TimerSchedules.Resolve("%Billing:SettlementSchedule%", Settings());

        Assert.Equal("0 */5 * * * *", schedule.Expression);
        Assert.Equal(new DateTime(2026, 12, 4, 10, 5, 0, DateTimeKind.Utc), schedule.NextAfter(new DateTime(2026, 12, 4, 10, 1, 30, DateTimeKind.Utc)));
    }

    [Fact]
    public void A_setting_set_to_an_empty_value_falls_back_to_the_default()
    {
        Assert.Equal("*/30 * * * * *", TimerSchedules.Resolve("%Billing:EmailRetrySchedule%", Settings(("Billing:EmailRetrySchedule", ""))).Expression);
    }

    [Fact]
    public void A_literal_expression_is_used_as_it_is()
    {
        TimerSchedule schedule = TimerSchedules.Resolve("15 * * * * *", Settings());

        Assert.Null(schedule.Setting);
        Assert.Equal(new DateTime(2026, 12, 4, 10, 0, 15, DateTimeKind.Utc), schedule.NextAfter(new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("00:00:30")] // a TimeSpan: App Service plans only; Flex Consumption refuses it
    [InlineData("*/5 * * * *")] // 5 fields: seconds are required
    [InlineData("every minute")]
    [InlineData("61 * * * * *")]
    public void A_malformed_schedule_is_refused_naming_the_setting(string malformed)
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => TimerSchedules.Resolve("%Billing:CollectionsScanSchedule%", Settings(("Billing:CollectionsScanSchedule", malformed))));

        Assert.Contains("Billing:CollectionsScanSchedule", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(malformed, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_setting_without_value_or_default_is_refused_naming_it()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => TimerSchedules.Resolve("%Billing:NoSuchSchedule%", Settings()));

        Assert.Contains("Billing:NoSuchSchedule", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Billing:SpikeScanInterval", "Billing__SpikeScanSchedule")]
    [InlineData("Billing:CollectionsScanInterval", "Billing__CollectionsScanSchedule")]
    [InlineData("Billing:DispatchInterval", "Billing__WebhookDispatchSchedule")]
    [InlineData("Billing:EmailRetryInterval", "Billing__EmailRetrySchedule")]
    public void An_interval_setting_nothing_reads_is_refused_naming_the_schedule_that_replaces_it(string interval, string schedule)
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => TimerSchedules.RefuseUnreadIntervals(Settings((interval, "00:00:01"))));

        Assert.Contains(interval.Replace(":", "__", StringComparison.Ordinal), refusal.Message, StringComparison.Ordinal);
        Assert.Contains(schedule, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_settings_alone_are_not_refused()
    {
        TimerSchedules.RefuseUnreadIntervals(Settings(("Billing:SpikeScanSchedule", "* * * * * *"), ("Billing:RetryBase", "00:00:01")));
    }

    [Fact]
    public void Every_default_is_a_valid_six_field_schedule()
    {
        Assert.All(TimerSchedules.Defaults, d => Assert.Equal(d.Value, TimerSchedules.Resolve("%" + d.Key + "%", Settings()).Expression));
    }

    [Fact]
    public void The_committed_sample_lists_every_schedule_setting_with_its_default()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "functions", "Billing.Functions", "local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString(), StringComparer.Ordinal);

        Assert.All(TimerSchedules.Defaults, d => Assert.Equal(d.Value, values.GetValueOrDefault(d.Key.Replace(":", "__", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task A_malformed_schedule_stops_the_local_host_at_start_naming_the_setting()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => HostProcess.StartAsync(HostFixture.HostDll, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Billing__CollectionsScanSchedule"] = "00:00:30",
        }));

        Assert.Contains("exited", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Billing:CollectionsScanSchedule", refusal.Message, StringComparison.Ordinal);
    }
}
