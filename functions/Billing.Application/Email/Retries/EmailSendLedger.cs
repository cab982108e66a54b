using Billing.Storage;
using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Application.Email.Retries;

/// <summary>
/// Every email handed to the provider, once per message id: a row in table <c>emailsends</c> (PartitionKey the kind,
/// RowKey the message id) inserted before the provider is called, with a claim that runs out after a lease, and marked
/// sent (or kept for retries) after. The insert is the claim, so of callers sending one message id at the same time (two
/// requests settling one account, a payment delivered twice at once) exactly one sends it; the others see it in flight or
/// sent and send nothing. A sender that stopped between its claim and its mark (a crash) leaves a claim that runs out,
/// after which the next caller takes it over with the row's ETag and sends it: at least once, never twice at once.
/// Leases follow the system clock (they are about hosts, not billing time).
/// </summary>
public sealed class EmailSendLedger(IStorageAccount storage)
{
    public const string TableName = "emailsends";

    private const string Sending = "sending";
    private const string SentStatus = "sent";
    private const string KeptStatus = "kept";

    private readonly ITableClient table = storage.GetTableClient(TableName);

    /// <summary>
    /// Claims <paramref name="messageId"/> for sending until <paramref name="until"/>, unless it is sent, claimed by a caller
    /// whose lease holds at <paramref name="now"/>, or kept for retries; <paramref name="retry"/> (the retries, which own a
    /// kept email) claims a kept one too.
    /// </summary>
    public async Task<EmailSendClaim> ClaimAsync(string messageId, DateTimeOffset now, DateTimeOffset until, bool retry = false, CancellationToken ct = default)
    {
        var row = Row(messageId, Sending, until);
        try
        {
            await table.AddEntityAsync(row, ct);
            return EmailSendClaim.Claimed;
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            // Claimed, sent or kept before: read which.
        }

        var existing = await table.GetEntityIfExistsAsync(row.PartitionKey, row.RowKey, ct);
        switch (existing?.GetString("Status"))
        {
            case SentStatus:
                return EmailSendClaim.Sent;
            case KeptStatus when !retry:
                return EmailSendClaim.Kept;
            case Sending when existing.GetDateTimeOffset("ClaimedUntil") > now:
                return EmailSendClaim.InFlight;
        }

        try
        {
            // A claim that ran out (or a kept email its retry sends): taken over only if nobody else took it first.
            if (existing is null)
            {
                await table.AddEntityAsync(row, ct);
            }
            else
            {
                await table.UpdateEntityAsync(row, existing.ETag, TableUpdateMode.Replace, ct);
            }

            return EmailSendClaim.Claimed;
        }
        catch (StorageRequestFailedException ex) when (ex.IsPreconditionFailed || ex.IsConflict)
        {
            return EmailSendClaim.InFlight;
        }
    }

    /// <summary>Records that the provider took <paramref name="messageId"/>.</summary>
    public Task MarkSentAsync(string messageId, CancellationToken ct = default) => MarkAsync(messageId, SentStatus, ct);

    /// <summary>Records that <paramref name="messageId"/> was kept for retries (the provider did not take it).</summary>
    public Task MarkKeptAsync(string messageId, CancellationToken ct = default) => MarkAsync(messageId, KeptStatus, ct);

    private async Task MarkAsync(string messageId, string status, CancellationToken ct) =>
        await table.UpsertEntityAsync(Row(messageId, status, null), TableUpdateMode.Replace, ct);

    private static TableEntity Row(string messageId, string status, DateTimeOffset? claimedUntil)
    {
        var row = new TableEntity(KeyEscaping.EscapeWithin(UndeliveredEmail.KindOf(messageId), 200), KeyEscaping.EscapeWithin(messageId, 400))
        {
            ["Status"] = status,
        };
        if (claimedUntil is { } until)
        {
            row["ClaimedUntil"] = until;
        }

        return row;
    }
}
