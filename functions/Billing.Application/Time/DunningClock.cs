using System.Text.Json;
using Billing.Application.Collections.Dunning;
using Microsoft.DurableTask.Client;

namespace Billing.Application.Time;

/// <summary>
/// Business time for the <see cref="InvoiceDunning"/> instances on the simulated clock: at each instant the clock
/// reaches, raises <see cref="BusinessTimer.ClockEvent"/> (payload: the instant) on every running instance whose custom
/// status (<see cref="DunningProgress"/>) says its next instant has come, in the order of those instants, and waits
/// until each has moved on: finished (completed, failed or terminated), or waiting for a later instant (one that took
/// the instant has collected it by then). An instance carries the latest instant it has seen, so one that moves on to another step due by then takes it
/// without another event; one started meanwhile is raised on as soon as its status says it is due. The wait polls the instances' status every 100 ms and gives up after <see cref="SettleTimeout"/>, so a
/// stuck instance delays the clock but never stops it (the instance stays listed in <c>/api/manage/workflows</c>).
/// </summary>
public sealed partial class DunningClock(ILogger<DunningClock> logger)
{
    /// <summary>How long one instant waits for the instances to move on.</summary>
    public static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Raises the instant <paramref name="now"/> on the dunning instances due by then and waits until every dunning instance has moved past it.</summary>
    public async Task ReachAsync(DurableTaskClient client, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        // Real time, not business time: how long the host has waited, on the monotonic clock.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var raised = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var waiting = await RunningAsync(client, ct);
            var due = waiting
                .Where(w => w.Progress is { NextAt: { } next, Clock: var seen } && next <= now && seen < now && !raised.Contains(w.Id))
                .OrderBy(w => w.Progress!.NextAt)
                .ThenBy(w => w.Id, StringComparer.Ordinal)
                .ToList();
            foreach (var instance in due)
            {
                await client.RaiseEventAsync(instance.Id, BusinessTimer.ClockEvent, now, ct);
                raised.Add(instance.Id);
            }

            if (waiting.All(w => MovedOn(w.Progress, now)))
            {
                return;
            }

            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > SettleTimeout)
            {
                LogStillDue(now, string.Join(", ", waiting.Where(w => !MovedOn(w.Progress, now)).Select(w => w.Id)));
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }

    /// <summary>The earliest next instant after <paramref name="now"/> that a running dunning instance waits for; null when none does.</summary>
    public static async Task<DateTimeOffset?> NextDueAsync(DurableTaskClient client, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        return (await RunningAsync(client, ct)).Select(w => w.Progress?.NextAt).Where(n => n > now).Min();
    }

    /// <summary>True when the instance has a status and waits for nothing due by <paramref name="now"/> (one that took the instant has collected it).</summary>
    private static bool MovedOn(DunningProgress? progress, DateTimeOffset now) =>
        progress is { NextAt: var next } && (next is null || next > now);

    /// <summary>The dunning instances that have not finished, with their progress (null before their first status).</summary>
    private static async Task<List<(string Id, DunningProgress? Progress)>> RunningAsync(DurableTaskClient client, CancellationToken ct)
    {
        var query = new OrchestrationQuery(
            Statuses: [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending],
            InstanceIdPrefix: InvoiceDunning.InstancePrefix,
            FetchInputsAndOutputs: true);
        var running = new List<(string, DunningProgress?)>();
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(ct))
        {
            var progress = string.IsNullOrEmpty(instance.SerializedCustomStatus) ? null : JsonSerializer.Deserialize<DunningProgress>(instance.SerializedCustomStatus, Json);
            running.Add((instance.InstanceId, progress));
        }

        return running;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dunning instances still due at {Instant} after the wait: {Instances}")]
    private partial void LogStillDue(DateTimeOffset instant, string instances);
}
