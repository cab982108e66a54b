using System.Diagnostics.Metrics;
using Billing.Application.Configuration;
using Billing.Storage;
using Microsoft.Extensions.Options;

namespace Billing.Application.Hosting;

/// <summary>
/// The metric <c>billing.queue.poison.messages</c>: an observable gauge of the approximate message count of each poison
/// queue (<see cref="StorageBootstrap.PoisonQueues"/>), tagged <c>queue</c> with the name
/// of the queue whose messages failed. The application registers it, so both hosts export it: on Azure the Functions host
/// moves a message that failed <c>maxDequeueCount</c> times itself and tells the worker nothing, so what waits in the
/// poison queues is what both hosts can observe (a message requeued by an operator leaves the count).
/// Storage is asked at most once per <see cref="BillingOptions.PoisonQueueReadInterval"/> (wall time, not the billing
/// clock), never on the exporter's thread: a stale reading starts one refresh in the background and the observation
/// answers the previous reading. A queue that cannot be read is left out of the reading until it can be read again.
/// </summary>
public sealed partial class PoisonQueueGauge : IHostedService, IDisposable
{
    public const string MetricName = "billing.queue.poison.messages";

    private readonly Meter meter = new(BillingTelemetry.Name);
    private readonly CancellationTokenSource stopping = new();
    private readonly IStorageAccount storage;
    private readonly TimeSpan interval;
    private readonly ILogger<PoisonQueueGauge> logger;
    private readonly TimeProvider wallClock = TimeProvider.System;
    private IReadOnlyList<Measurement<long>> reading = [];
    private long readAt;
    private bool read;
    private int refreshing;

    public PoisonQueueGauge(IStorageAccount storage, IOptions<BillingOptions> options, ILogger<PoisonQueueGauge> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.storage = storage;
        this.logger = logger;
        interval = options.Value.PoisonQueueReadInterval;
        meter.CreateObservableGauge(MetricName, Observe, "{message}", "Messages waiting in a poison queue (approximate count)");
    }

    /// <summary>Takes the first reading in the background, so the first export has one.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        RefreshInBackground();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        stopping.Cancel();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        meter.Dispose();
        stopping.Dispose();
    }

    /// <summary>Reads every poison queue's approximate count now.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var counts = new List<Measurement<long>>(StorageBootstrap.PoisonQueues.Count);
        foreach (var poison in StorageBootstrap.PoisonQueues)
        {
            try
            {
                int count = await storage.GetQueueClient(poison).GetApproximateMessagesCountAsync(ct);
                counts.Add(new Measurement<long>(count, BillingTelemetry.Tag("queue", poison[..^StorageBootstrap.PoisonSuffix.Length])));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogUnreadable(ex, poison);
            }
        }

        Volatile.Write(ref reading, counts);
        Interlocked.Exchange(ref readAt, wallClock.GetTimestamp());
        Volatile.Write(ref read, true);
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        if (!Volatile.Read(ref read) || wallClock.GetElapsedTime(Interlocked.Read(ref readAt)) >= interval)
        {
            RefreshInBackground();
        }

        return Volatile.Read(ref reading);
    }

    private void RefreshInBackground()
    {
        if (stopping.IsCancellationRequested || Interlocked.Exchange(ref refreshing, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await RefreshAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping: the last reading stands.
            }
            finally
            {
                Volatile.Write(ref refreshing, 0);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poison queue {Queue} could not be read for the poisoned-messages gauge")]
    private partial void LogUnreadable(Exception error, string queue);
}
