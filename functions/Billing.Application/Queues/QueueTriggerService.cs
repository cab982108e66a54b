using Billing.Application.Configuration;
using Billing.Storage;
using Billing.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Billing.Application.Queues;

/// <summary>
/// Drives one <see cref="IQueueFunction"/> the way the Functions queue trigger does: fetches up to
/// <see cref="QueueOptions.BatchSize"/> messages, runs up to <see cref="QueueOptions.Concurrency"/> at once,
/// deletes each on success, retries on failure, and moves a message that failed
/// <see cref="QueueOptions.MaxDequeueCount"/> times to <c>&lt;queue&gt;-poison</c>. When the queue is empty,
/// polling backs off exponentially up to <see cref="QueueOptions.MaxPollingInterval"/>.
/// </summary>
public sealed partial class QueueTriggerService<TFunction>(
    TFunction function,
    IStorageAccount storage,
    IOptions<QueueOptions> options,
    ILogger<QueueTriggerService<TFunction>> logger) : BackgroundService, IQueueActivity
    where TFunction : IQueueFunction
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);
    private int inFlight;

    public string QueueName => function.QueueName;

    /// <summary>True while a fetched message is being processed.</summary>
    public bool IsBusy => Volatile.Read(ref inFlight) > 0;

    /// <summary>Fetches and runs one batch; returns how many messages it handled (used by the simulated clock to drain).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var queue = storage.GetQueueClient(function.QueueName);
        Interlocked.Increment(ref inFlight);
        try
        {
            var messages = await queue.ReceiveMessagesAsync(settings.BatchSize, settings.VisibilityTimeout, ct);
            if (function is IQueueBatchFunction batchFunction && messages.Count > 0)
            {
                var outcomes = await batchFunction.RunBatchAsync(messages, ct);
                for (var i = 0; i < messages.Count; i++)
                {
                    await SettleAsync(queue, messages[i], outcomes[i], settings, ct);
                }

                return messages.Count;
            }

            await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = ct }, async (message, token) =>
                await RunMessageAsync(queue, message, settings, token));
            return messages.Count;
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await storage.GetQueueClient(function.QueueName).CreateIfNotExistsAsync(stoppingToken);
        await storage.GetQueueClient(function.QueueName + "-poison").CreateIfNotExistsAsync(stoppingToken);
        var delay = MinimumPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is StorageRequestFailedException or HttpRequestException or Azure.RequestFailedException)
            {
                LogPollFailed(function.QueueName, ex.Message);
                handled = 0;
            }

            if (handled > 0)
            {
                delay = MinimumPollingInterval;
                continue;
            }

            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.MaxPollingInterval.Ticks));
        }
    }

    private async Task RunMessageAsync(IQueueClient queue, QueueMessage message, QueueOptions settings, CancellationToken ct)
    {
        Exception? failure = null;
        try
        {
            await function.RunAsync(message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failure = ex;
        }

        await SettleAsync(queue, message, failure, settings, ct);
    }

    /// <summary>Deletes a handled message; a failed one is made visible again, or moved to poison after the last attempt.</summary>
    private async Task SettleAsync(IQueueClient queue, QueueMessage message, Exception? failure, QueueOptions settings, CancellationToken ct)
    {
        if (failure is null)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
        }
        else
        {
            LogRunFailed(function.QueueName, message.MessageId, message.DequeueCount, failure.GetType().Name, failure.Message);
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await storage.GetQueueClient(function.QueueName + "-poison").SendMessageAsync(message.MessageText, timeToLive: Timeout.InfiniteTimeSpan, cancellationToken: ct);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                LogPoisoned(function.QueueName, message.MessageId);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero, cancellationToken: ct);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling queue {Queue} failed: {Reason}")]
    private partial void LogPollFailed(string queue, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Function on queue {Queue} failed for message {MessageId} (attempt {DequeueCount}): {ErrorType}: {Reason}")]
    private partial void LogRunFailed(string queue, string messageId, long dequeueCount, string errorType, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} moved to {Queue}-poison after repeated failures")]
    private partial void LogPoisoned(string queue, string messageId);
}
