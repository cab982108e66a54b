using System.Collections.Concurrent;
using Billing.Application.Configuration;
using Billing.LocalHost.Functions;
using Billing.Storage;
using Billing.Storage.Emulator;
using Microsoft.Azure.Functions.Worker;
using FunctionDefinition = Billing.LocalHost.Functions.FunctionDefinition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Billing.LocalHost.Tests;

/// <summary>
/// The local host's timer runner: it runs a timer function on the schedule its <c>%setting%</c> names (configured, else
/// the application's default), refuses a malformed schedule at start naming the function and the setting, and calls the
/// function once per occurrence with a <see cref="TimerInfo"/>. Every timer function of the app names a setting with a
/// default, so a host without settings still runs.
/// </summary>
public sealed class TimerFunctionServiceTests
{
    private static readonly ConcurrentQueue<(string Function, TimerInfo Timer)> Invocations = new();

    [Fact]
    public void Every_timer_function_of_the_app_names_a_schedule_setting_that_has_a_default()
    {
        var timers = FunctionMetadata.ReadBuilt().Where(f => f.TriggerType == "timerTrigger").SelectMany(f => f.Triggers).ToArray();

        Assert.Equal(TimerSchedules.Defaults.Count, timers.Length);
        Assert.All(timers, line =>
        {
            string schedule = line["timer ".Length..];
            Assert.True(schedule.Length > 2 && schedule[0] == '%' && schedule[^1] == '%' && TimerSchedules.Defaults.ContainsKey(schedule.Trim('%')), $"{line} names no schedule setting with a default");
        });
    }

    [Fact]
    public async Task A_schedule_setting_left_unset_runs_the_application_default()
    {
        await using var runner = Runner(nameof(SettlementLike), Settings());

        Assert.Equal("0 */5 * * * *", runner.Service.Schedule.Expression);
        Assert.Equal("timer %Billing:SettlementSchedule%", runner.Service.Describe());
    }

    [Fact]
    public async Task A_configured_schedule_setting_wins_over_the_default()
    {
        await using var runner = Runner(nameof(SettlementLike), Settings(("Billing__SettlementSchedule", "*/2 * * * * *")));

        Assert.Equal("*/2 * * * * *", runner.Service.Schedule.Expression);
    }

    [Fact]
    public void A_malformed_schedule_is_refused_at_start_naming_the_function_and_the_setting()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => Runner(nameof(SettlementLike), Settings(("Billing__SettlementSchedule", "0 */5 * * *"))));

        Assert.Contains(nameof(SettlementLike), refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Billing:SettlementSchedule", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timer_function_with_a_parameter_the_host_cannot_bind_is_refused_at_start()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => Runner(nameof(WithStrayParameter), Settings()));

        Assert.Contains("stray", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timer_function_runs_once_per_occurrence_with_the_previous_and_next_occurrence_in_its_TimerInfo()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var runner = Runner(nameof(EverySecond), Settings(), StorageAccount.FromConnectionString(azurite.ConnectionString));

        await runner.Service.StartAsync(CancellationToken.None);
        var runs = await PollAsync(() => Invocations.Where(i => i.Function == nameof(EverySecond)).Select(i => i.Timer).ToArray(), r => r.Length >= 3, TimeSpan.FromSeconds(60));
        await runner.Service.StopAsync(CancellationToken.None);

        Assert.True(runs.Length >= 3, $"{runs.Length} runs in 60 s of a schedule firing every second");
        var statuses = runs.Select(r => r.ScheduleStatus!).ToArray();
        Assert.All(statuses, s => Assert.Equal(0, s.Next.Millisecond));
        Assert.Equal(statuses.Length, statuses.Select(s => s.Next).Distinct().Count());
        Assert.Equal(default, statuses[0].Last);
        for (int i = 1; i < statuses.Length; i++)
        {
            // Last is the occurrence run before: the one a second before that run's next.
            Assert.Equal(statuses[i - 1].Next.AddSeconds(-1), statuses[i].Last);
        }
    }

    [Fact]
    public async Task A_schedule_whose_next_occurrence_is_more_than_49_days_away_keeps_the_timer_running()
    {
        // Task.Delay refuses waits beyond about 49.7 days; the next occurrence here is about 300 days away.
        DateTime far = DateTime.UtcNow.AddDays(300);
        await using var runner = Runner(nameof(SettlementLike), Settings(("Billing__SettlementSchedule", $"0 0 0 {far.Day} {far.Month} *")));

        await runner.Service.StartAsync(CancellationToken.None);

        // The refused wait failed the run at once; a working runner is still waiting after 5 s.
        Task running = Assert.IsAssignableFrom<Task>(runner.Service.ExecuteTask);
        await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(5)));
        Assert.False(running.IsCompleted, running.Exception?.ToString());
        await runner.Service.StopAsync(CancellationToken.None);
    }

    private static async Task<T> PollAsync<T>(Func<T> read, Func<T, bool> done, TimeSpan limit)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        T value = read();
        while (!done(value) && stopwatch.Elapsed < limit)
        {
            await Task.Delay(100);
            value = read();
        }

        return value;
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key.Replace("__", ":", StringComparison.Ordinal), v.Value)))
            .Build();

    private static RunnerUnderTest Runner(string function, IConfiguration configuration, IStorageAccount? storage = null)
    {
        FunctionDefinition definition = FunctionIndex.Scan([typeof(SettlementLike), typeof(EverySecond), typeof(WithStrayParameter)]).Single(f => f.Name == function);
        ServiceProvider services = new ServiceCollection().BuildServiceProvider();
        try
        {
            var locks = new ScheduleLocks(storage ?? new Billing.Storage.InMemory.InMemoryStorageAccount(), configuration);
            return new RunnerUnderTest(new TimerFunctionService(definition, services, locks, configuration, NullLogger<TimerFunctionService>.Instance), services);
        }
        catch
        {
            services.Dispose();
            throw;
        }
    }

    private sealed record RunnerUnderTest(TimerFunctionService Service, ServiceProvider Services) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Service.Dispose();
            await Services.DisposeAsync();
        }
    }

    public sealed class SettlementLike
    {
        [Function(nameof(SettlementLike))]
        public Task RunAsync([TimerTrigger("%Billing:SettlementSchedule%")] TimerInfo timer, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public sealed class EverySecond
    {
        [Function(nameof(EverySecond))]
        public Task RunAsync([TimerTrigger("* * * * * *")] TimerInfo timer, CancellationToken cancellationToken)
        {
            Invocations.Enqueue((nameof(EverySecond), timer));
            return Task.CompletedTask;
        }
    }

    public sealed class WithStrayParameter
    {
        [Function(nameof(WithStrayParameter))]
        public Task RunAsync([TimerTrigger("%Billing:SettlementSchedule%")] TimerInfo timer, string stray) => Task.CompletedTask;
    }
}
