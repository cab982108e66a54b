using System.Reflection;
using Azure.Storage.Queues.Models;
using Billing.Application.Queues;
using Billing.Storage;
using Billing.Storage.Queues;
using StoredMessage = Billing.Storage.Queues.QueueMessage;

namespace Billing.LocalHost.Functions;

/// <summary>
/// Runs one queue function as the Functions queue trigger does, with <c>host.json</c>'s queue settings
/// (<see cref="HostJson"/>): fetches up to <c>batchSize</c> messages and runs them at once, fetches again when the
/// messages in flight drop to <c>newBatchThreshold</c> (so at most batchSize + newBatchThreshold run at once), and when
/// the queue is empty polls again after a delay that doubles from 100 ms up to <c>maxPollingInterval</c>. A message is
/// received invisible for <see cref="QueueMessageLease"/> and renewed at half of it while its function runs, so a
/// long run keeps it and a killed host's messages come back after one lease. Returning deletes the message; throwing
/// makes it visible again after <c>visibilityTimeout</c>, and after the <c>maxDequeueCount</c>th attempt moves its text
/// to <c>&lt;queue&gt;-poison</c> (never expiring) instead. A stop cancels the runs and makes their messages visible at
/// once. The function gets the message as <see cref="Azure.Storage.Queues.Models.QueueMessage"/> (text, id, pop
/// receipt, dequeue count, times), as <see cref="string"/>, or as <see cref="BinaryData"/>, and a
/// <see cref="CancellationToken"/>. Message text is Base64 on the queue, as every sender of the app writes it
/// (<see cref="IQueueClient"/>); a host.json that says <c>messageEncoding: none</c> stops the host, since Functions would
/// then hand the functions undecoded text.
/// </summary>
public sealed partial class QueueFunctionListener : BackgroundService, IQueueActivity, IFunctionRunner
{
    /// <summary>The local host's setting for <see cref="QueueMessageLease"/> (not a Functions setting).</summary>
    public const string LeaseSetting = "LocalHost:QueueMessageLease";

    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly FunctionDefinition function;
    private readonly HostJson settings;
    private readonly IStorageAccount storage;
    private readonly IServiceProvider services;
    private readonly ILogger<QueueFunctionListener> logger;
    private readonly SemaphoreSlim finished = new(0);
    private int messagesInFlight;
    private int active;

    public QueueFunctionListener(FunctionDefinition function, HostJson settings, IStorageAccount storage, IServiceProvider services, TimeSpan lease, ILogger<QueueFunctionListener> logger)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(settings);
        this.function = function;
        this.settings = settings;
        this.storage = storage;
        this.services = services;
        this.logger = logger;
        QueueMessageLease = lease;
        QueueName = ((QueueFunctionTrigger)function.Trigger).QueueName;
        Validate(function, settings, lease);
    }

    public FunctionDefinition Function => function;

    public string FunctionName => function.Name;

    public string QueueName { get; }

    public string PoisonQueueName => QueueName + "-poison";

    /// <summary>
    /// How long a received message stays invisible before its renewal (at half of it) is due. Functions uses 10 minutes;
    /// the local host takes <see cref="LeaseSetting"/> (<c>LocalHost__QueueMessageLease</c>), at least 2 seconds.
    /// </summary>
    public TimeSpan QueueMessageLease { get; }

    /// <summary>The trigger as <c>functions.metadata</c> lists it: <c>queue &lt;name&gt;</c>.</summary>
    public string Describe() => $"queue {QueueName}";

    /// <summary>True while a fetch or a message of this function is under way.</summary>
    public bool IsBusy => Volatile.Read(ref active) > 0;

    /// <summary>Fetches one batch and runs it to the end; returns how many messages it ran (the simulated clock drains queues with it).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        IQueueClient queue = storage.GetQueueClient(QueueName);
        Interlocked.Increment(ref active);
        try
        {
            IReadOnlyList<StoredMessage> messages = await queue.ReceiveMessagesAsync(settings.QueueBatchSize, QueueMessageLease, ct);
            await Task.WhenAll(messages.Select(m => ProcessAsync(queue, m, ct)));
            return messages.Count;
        }
        finally
        {
            Interlocked.Decrement(ref active);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IQueueClient queue = storage.GetQueueClient(QueueName);
        await queue.CreateIfNotExistsAsync(stoppingToken);
        await storage.GetQueueClient(PoisonQueueName).CreateIfNotExistsAsync(stoppingToken);
        var running = new List<Task>();
        TimeSpan delay = MinimumPollingInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                while (Volatile.Read(ref messagesInFlight) > settings.QueueNewBatchThreshold)
                {
                    await finished.WaitAsync(stoppingToken);
                }

                running.RemoveAll(t => t.IsCompleted);
                int fetched;
                Interlocked.Increment(ref active);
                try
                {
                    // Counted as busy until every fetched message counts itself, so a drain never sees a gap.
                    IReadOnlyList<StoredMessage> messages = await FetchAsync(queue, stoppingToken);
                    running.AddRange(messages.Select(m => ProcessAsync(queue, m, stoppingToken)));
                    fetched = messages.Count;
                }
                finally
                {
                    Interlocked.Decrement(ref active);
                }

                if (fetched > 0)
                {
                    delay = MinimumPollingInterval;
                    continue;
                }

                await Task.Delay(delay, TimeProvider.System, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.QueueMaxPollingInterval.Ticks));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(running);
    }

    public override void Dispose()
    {
        finished.Dispose();
        base.Dispose();
    }

    /// <summary>One fetch; a storage failure is logged and reads as an empty queue (polling backs off and tries again).</summary>
    private async Task<IReadOnlyList<StoredMessage>> FetchAsync(IQueueClient queue, CancellationToken ct)
    {
        try
        {
            return await queue.ReceiveMessagesAsync(settings.QueueBatchSize, QueueMessageLease, ct);
        }
        catch (Exception ex) when (ex is StorageRequestFailedException or HttpRequestException or Azure.RequestFailedException)
        {
            LogPollFailed(QueueName, ex.Message);
            return [];
        }
    }

    /// <summary>Runs the function on one message, keeping the message invisible meanwhile, then deletes, releases or poisons it.</summary>
    private async Task ProcessAsync(IQueueClient queue, StoredMessage message, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref messagesInFlight);
        Interlocked.Increment(ref active);
        try
        {
            var lease = new MessageLease(queue, message, QueueMessageLease, logger);
            Exception? failure = null;
            await using (lease.ConfigureAwait(false))
            {
                try
                {
                    await InvokeAsync(message, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    failure = ex;
                }
                catch (Exception) when (stoppingToken.IsCancellationRequested)
                {
                    await ReleaseAsync(queue, message.MessageId, lease.PopReceipt, TimeSpan.Zero, CancellationToken.None);
                    return;
                }
            }

            // Not cancelled by a stop: a message whose function returned must be deleted, or it would run again after its lease.
            await SettleAsync(queue, message, lease.PopReceipt, failure, CancellationToken.None);
        }
        finally
        {
            Interlocked.Decrement(ref active);
            Interlocked.Decrement(ref messagesInFlight);
            finished.Release();
        }
    }

    private async Task InvokeAsync(StoredMessage message, CancellationToken ct)
    {
        Azure.Storage.Queues.Models.QueueMessage received = QueuesModelFactory.QueueMessage(
            message.MessageId, message.PopReceipt, BinaryData.FromString(message.MessageText), message.DequeueCount, message.NextVisibleOn, message.InsertedOn, message.ExpiresOn);
        AsyncServiceScope scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await FunctionInvoker.InvokeAsync(function, scope.ServiceProvider, p => Bind(p, received), ct);
        }
    }

    /// <summary>Deletes a message that ran; a failed one is made visible again after <c>visibilityTimeout</c>, or moved to poison after its last attempt.</summary>
    private async Task SettleAsync(IQueueClient queue, StoredMessage message, string popReceipt, Exception? failure, CancellationToken ct)
    {
        try
        {
            if (failure is null)
            {
                await queue.DeleteMessageAsync(message.MessageId, popReceipt, ct);
                return;
            }

            LogRunFailed(function.Name, QueueName, message.MessageId, message.DequeueCount, failure.GetType().Name, failure.Message);
            if (message.DequeueCount >= settings.QueueMaxDequeueCount)
            {
                await storage.GetQueueClient(PoisonQueueName).SendMessageAsync(message.MessageText, timeToLive: Timeout.InfiniteTimeSpan, cancellationToken: ct);
                await queue.DeleteMessageAsync(message.MessageId, popReceipt, ct);
                LogPoisoned(message.MessageId, PoisonQueueName, message.DequeueCount);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, popReceipt, settings.QueueVisibilityTimeout, cancellationToken: ct);
            }
        }
        catch (Exception ex) when (ex is StorageRequestFailedException or HttpRequestException or Azure.RequestFailedException)
        {
            // The lease was lost (another host received the message again) or storage is away: the message comes
            // back after its visibility timeout and runs again, which every function tolerates.
            LogSettleFailed(QueueName, message.MessageId, ex.Message);
        }
    }

    private async Task ReleaseAsync(IQueueClient queue, string messageId, string popReceipt, TimeSpan visibility, CancellationToken ct)
    {
        try
        {
            await queue.UpdateMessageAsync(messageId, popReceipt, visibility, cancellationToken: ct);
        }
        catch (Exception ex) when (ex is StorageRequestFailedException or HttpRequestException or Azure.RequestFailedException)
        {
            LogSettleFailed(QueueName, messageId, ex.Message);
        }
    }

    private static object? Bind(ParameterInfo parameter, Azure.Storage.Queues.Models.QueueMessage message)
    {
        if (parameter.ParameterType == typeof(Azure.Storage.Queues.Models.QueueMessage))
        {
            return message;
        }

        if (parameter.ParameterType == typeof(string) && FunctionIndex.IsTriggerParameter(parameter))
        {
            return message.Body.ToString();
        }

        if (parameter.ParameterType == typeof(BinaryData) && FunctionIndex.IsTriggerParameter(parameter))
        {
            return message.Body;
        }

        return FunctionInvoker.Unbound;
    }

    /// <summary>Stops the host on settings or parameters this listener cannot honour, naming them.</summary>
    private static void Validate(FunctionDefinition function, HostJson settings, TimeSpan lease)
    {
        if (!string.Equals(settings.QueueMessageEncoding, "base64", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"host.json: extensions.queues.messageEncoding '{settings.QueueMessageEncoding}' does not match the app's queue senders, which write Base64 (IQueueClient); set it to 'base64'.");
        }

        if (settings.QueueBatchSize is < 1 or > 32)
        {
            throw new InvalidOperationException($"host.json: extensions.queues.batchSize {settings.QueueBatchSize} must be between 1 and 32.");
        }

        if (settings.QueueNewBatchThreshold < 0 || settings.QueueMaxDequeueCount < 1 || settings.QueueMaxPollingInterval <= TimeSpan.Zero
            || settings.QueueVisibilityTimeout < TimeSpan.Zero || settings.QueueVisibilityTimeout > TimeSpan.FromDays(7))
        {
            throw new InvalidOperationException(
                "host.json: extensions.queues needs newBatchThreshold >= 0, maxDequeueCount >= 1, a positive maxPollingInterval and a visibilityTimeout of 0 to 7 days.");
        }

        if (lease < TimeSpan.FromSeconds(2) || lease > TimeSpan.FromDays(7))
        {
            throw new InvalidOperationException($"{LeaseSetting.Replace(":", "__", StringComparison.Ordinal)} {lease} must be between 2 seconds and 7 days.");
        }

        foreach (ParameterInfo parameter in function.Method.GetParameters())
        {
            bool bindable = parameter.ParameterType == typeof(CancellationToken)
                || parameter.ParameterType == typeof(Azure.Storage.Queues.Models.QueueMessage)
                || (FunctionIndex.IsTriggerParameter(parameter) && (parameter.ParameterType == typeof(string) || parameter.ParameterType == typeof(BinaryData)));
            if (!bindable)
            {
                throw new InvalidOperationException($"Function '{function.Name}': the local host cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}).");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling queue {Queue} failed: {Reason}")]
    private partial void LogPollFailed(string queue, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} on queue {Queue} failed for message {MessageId} (attempt {DequeueCount}): {ErrorType}: {Reason}")]
    private partial void LogRunFailed(string function, string queue, string messageId, long dequeueCount, string errorType, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} moved to {PoisonQueue} after {DequeueCount} failed attempts")]
    private partial void LogPoisoned(string messageId, string poisonQueue, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not complete message {MessageId} of queue {Queue}; it will run again: {Reason}")]
    private partial void LogSettleFailed(string queue, string messageId, string reason);
}
