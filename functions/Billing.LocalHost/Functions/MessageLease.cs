using Billing.Storage;
using Billing.Storage.Queues;

namespace Billing.LocalHost.Functions;

/// <summary>
/// Keeps a received queue message invisible while its function runs, as the Functions queue trigger does: every half
/// lease it extends the message's invisibility by a whole lease, and <see cref="PopReceipt"/> follows
/// the receipt each renewal returns (the one a delete or release needs). A renewal that fails (the message was received
/// again by another host after its lease ran out, or storage is away) is logged and ends the renewals; the run goes on,
/// since every function tolerates a message that runs twice. Disposing stops the renewals.
/// </summary>
internal sealed partial class MessageLease : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task renewing;
    private string popReceipt;

    public MessageLease(IQueueClient queue, QueueMessage message, TimeSpan lease, ILogger logger)
    {
        popReceipt = message.PopReceipt;
        renewing = RenewAsync(queue, message.MessageId, lease, logger, stop.Token);
    }

    /// <summary>The message's current pop receipt.</summary>
    public string PopReceipt => Volatile.Read(ref popReceipt);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await renewing;
        stop.Dispose();
    }

    private async Task RenewAsync(IQueueClient queue, string messageId, TimeSpan lease, ILogger logger, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(lease / 2, TimeProvider.System, ct);
                // Not cancelled once sent: a renewal that succeeded must leave its receipt here.
                UpdateReceipt renewed = await queue.UpdateMessageAsync(messageId, PopReceipt, lease, cancellationToken: CancellationToken.None);
                Volatile.Write(ref popReceipt, renewed.PopReceipt);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is StorageRequestFailedException or HttpRequestException or Azure.RequestFailedException)
        {
            LogRenewalFailed(logger, queue.Name, messageId, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the lease of message {MessageId} of queue {Queue}; it may run again: {Reason}")]
    private static partial void LogRenewalFailed(ILogger logger, string queue, string messageId, string reason);
}
