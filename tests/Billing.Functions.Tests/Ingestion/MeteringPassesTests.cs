using Billing.Application.Ingestion;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>
/// How concurrent metering calls share passes: a pass that is not full waits for the calls that come within its window,
/// calls that come while a pass runs share the next one, and a failed pass fails exactly the calls it held. In process,
/// on a fake clock that only the test moves.
/// </summary>
public sealed class MeteringPassesTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero));
    private readonly List<string[]> passes = [];

    [Fact]
    public async Task Calls_that_come_within_the_window_share_one_pass_that_starts_once_they_are_full()
    {
        var metering = Passes(window: TimeSpan.FromMinutes(1), fullAt: 3);

        var calls = new[] { metering.RunAsync("a", default), metering.RunAsync("b", default), metering.RunAsync("c", default) };
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromMinutes(1));

        var pass = Assert.Single(Recorded());
        Assert.Equal(["a", "b", "c"], pass);
    }

    [Fact]
    public async Task A_pass_that_is_not_full_starts_when_its_window_has_passed()
    {
        var metering = Passes(window: TimeSpan.FromSeconds(1), fullAt: 3);

        var call = metering.RunAsync("a", default);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(Recorded());
        Assert.False(call.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await call.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(["a"], Assert.Single(Recorded()));
    }

    [Fact]
    public async Task A_full_call_starts_its_pass_without_waiting_and_calls_that_come_meanwhile_share_the_next()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var metering = Passes(window: TimeSpan.FromMinutes(1), fullAt: 1, firstPass: release.Task);

        var first = metering.RunAsync("a", default);
        var second = metering.RunAsync("b", default);
        var third = metering.RunAsync("c", default);
        Assert.Equal(["a"], Assert.Single(Recorded()));
        release.SetResult();
        await Task.WhenAll(first, second, third).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal([["a"], ["b", "c"]], Recorded());
    }

    [Fact]
    public async Task A_failed_pass_fails_every_call_it_held_and_later_calls_still_run()
    {
        var metering = new MeteringPasses<string>(TimeSpan.FromMinutes(1), clock, items => items.Count >= 2, (items, _) =>
        {
            Record(items);
            return items.Contains("bad") ? Task.FromException(new InvalidDataException("storage refused the pass")) : Task.CompletedTask;
        });

        var bad = metering.RunAsync("bad", default);
        var sharing = metering.RunAsync("good", default);
        await Assert.ThrowsAsync<InvalidDataException>(() => bad.WaitAsync(TimeSpan.FromMinutes(1)));
        await Assert.ThrowsAsync<InvalidDataException>(() => sharing.WaitAsync(TimeSpan.FromMinutes(1)));

        var later = new[] { metering.RunAsync("x", default), metering.RunAsync("y", default) };
        await Task.WhenAll(later).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal([["bad", "good"], ["x", "y"]], Recorded());
    }

    private MeteringPasses<string> Passes(TimeSpan window, int fullAt, Task? firstPass = null) =>
        new(window, clock, items => items.Count >= fullAt, async (items, _) =>
        {
            var first = Record(items) == 1;
            if (first && firstPass is not null)
            {
                await firstPass;
            }
        });

    private int Record(IReadOnlyList<string> items)
    {
        lock (passes)
        {
            passes.Add([.. items]);
            return passes.Count;
        }
    }

    private List<string[]> Recorded()
    {
        lock (passes)
        {
            return [.. passes];
        }
    }
}
