using Microsoft.DurableTask;

namespace Billing.Application.Collections.Dunning;

/// <summary>
/// A wait for a business instant inside an orchestration. On the system clock it is a durable timer at the instant (the
/// Azure Storage backend may fire it up to about a second early: callers re-check what is due, see
/// <see cref="InvoiceDunning"/>). On the simulated clock business time moves only when the clock is advanced, so the
/// wait is for <see cref="ClockEvent"/> events (payload: the business instant reached) until one reaches the instant; an
/// instant already reached (the latest one seen, passed in) completes at once. The mode is part of the orchestration's input,
/// so a replay waits the same way.
/// </summary>
public static class BusinessTimer
{
    /// <summary>The external event the simulated clock raises with the business instant it has reached.</summary>
    public const string ClockEvent = "clock";

    /// <summary>
    /// Completes when business time reaches <paramref name="at"/>, with the business instant reached. On the simulated
    /// clock each later instant seen while waiting is reported to <paramref name="advanced"/> first.
    /// </summary>
    public static async Task<DateTimeOffset> WaitAsync(
        TaskOrchestrationContext context, bool simulatedClock, DateTimeOffset at, DateTimeOffset seen, Action<DateTimeOffset> advanced, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(advanced);
        if (!simulatedClock)
        {
            await context.CreateTimer(at.UtcDateTime, cancellation);
            return new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        }

        var reached = seen;
        while (reached < at)
        {
            var instant = await context.WaitForExternalEvent<DateTimeOffset>(ClockEvent, cancellation);
            if (instant > reached)
            {
                reached = instant;
                advanced(reached);
            }
        }

        return reached;
    }
}
