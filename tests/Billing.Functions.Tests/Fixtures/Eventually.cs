using System.Diagnostics;

namespace Billing.Functions.Tests.Fixtures;

/// <summary>
/// Waits for asynchronous effects (queue to table) by polling, bounded: returns as soon as the reading is as
/// expected, fails with the last reading when the time is up. No fixed sleeps.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static async Task<T> EqualAsync<T>(T expected, Func<Task<T>> read, TimeSpan? timeout = null, string? what = null)
    {
        var last = await UntilAsync(read, value => EqualityComparer<T>.Default.Equals(value, expected), timeout);
        Assert.True(EqualityComparer<T>.Default.Equals(last, expected), $"{what ?? "value"}: expected {expected}, still {last} after {(timeout ?? DefaultTimeout).TotalSeconds:0} s");
        return last;
    }

    /// <summary>Polls until <paramref name="done"/> holds or the time is up; returns the last reading either way.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var stopwatch = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var value = await read();
            if (done(value) || stopwatch.Elapsed > limit)
            {
                return value;
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }
}
