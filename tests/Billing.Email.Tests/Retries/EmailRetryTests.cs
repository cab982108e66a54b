using System.Collections.Concurrent;
using Billing.Email.Tests.Fixtures;
using Billing.Application.Email;
using Billing.Application.Email.Retries;
using Billing.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Email.Tests.Retries;

/// <summary>
/// Undelivered emails on a real Azurite: the sender keeps what the provider does not take and answers with a
/// receipt; a kept message id goes out only through its retries, once, even with two hosts retrying; each failed
/// retry waits twice as long as the one before; callers sending one message id at once send it once.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EmailRetryTests(AzuriteFixture azurite)
{
    private static readonly EmailRetryOptions Options = new() { EmailRetryFirstDelay = TimeSpan.FromMinutes(1), EmailRetryMaxDelay = TimeSpan.FromHours(1) };

    private readonly IStorageAccount storage = StorageAccount.FromConnectionString(azurite.ConnectionString);
    private readonly FakeTimeProvider clock = new(SampleEmails.InvoiceDay);
    private readonly ScriptedProvider provider = new();

    [Fact]
    public async Task An_email_the_provider_refuses_is_kept_listed_and_answered_with_a_retry_queue_receipt()
    {
        var store = await StoreAsync();
        var message = SampleEmails.Invoice(NewId());
        provider.Down = true;

        var receipt = await Sender(store).SendAsync(message);

        Assert.Equal(DeferringEmailSender.Provider, receipt.Provider);
        var kept = await store.GetAsync(message.MessageId);
        Assert.NotNull(kept);
        Assert.Equal(UndeliveredEmailStatus.Pending, kept.Status);
        Assert.Equal("invoice", kept.Kind);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(1), kept.NextAttemptAt);
        Assert.Contains("provider down", kept.LastError, StringComparison.Ordinal);
        Assert.False(kept.Permanent);
        Assert.Equal(message.Subject, (await store.MessageAsync(kept)).Subject);
    }

    [Fact]
    public async Task A_kept_message_id_is_sent_only_by_its_retries_even_when_the_caller_sends_it_again()
    {
        var store = await StoreAsync();
        var message = SampleEmails.Invoice(NewId());
        provider.Down = true;
        await Sender(store).SendAsync(message);
        provider.Down = false;

        await Sender(store).SendAsync(message);
        Assert.Equal(0, provider.SentCount(message.MessageId));

        await Retrier(store).RetryAsync(dueOnly: false, CancellationToken.None);
        await Sender(store).SendAsync(message);
        await Retrier(store).RetryAsync(dueOnly: false, CancellationToken.None);

        Assert.Equal(1, provider.SentCount(message.MessageId));
        var sent = await store.GetAsync(message.MessageId);
        Assert.Equal(UndeliveredEmailStatus.Sent, sent!.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Equal(clock.GetUtcNow(), sent.SentAt);
    }

    [Fact]
    public async Task Two_hosts_retrying_at_once_send_a_kept_email_once()
    {
        var store = await StoreAsync();
        var ids = Enumerable.Range(0, 10).Select(_ => NewId()).ToList();
        provider.Down = true;
        foreach (var id in ids)
        {
            await Sender(store).SendAsync(SampleEmails.Invoice(id));
        }

        provider.Down = false;
        await Task.WhenAll(Retrier(store).RetryAsync(dueOnly: false, CancellationToken.None), Retrier(store).RetryAsync(dueOnly: false, CancellationToken.None));

        Assert.All(ids, id => Assert.Equal(1, provider.SentCount(id)));
    }

    [Fact]
    public async Task An_email_that_fails_again_waits_twice_as_long_and_is_retried_only_when_due()
    {
        var store = await StoreAsync();
        var message = SampleEmails.Invoice(NewId());
        provider.Down = true;
        await Sender(store).SendAsync(message);

        await Retrier(store).RetryAsync(dueOnly: true, CancellationToken.None);
        Assert.Equal(1, (await store.GetAsync(message.MessageId))!.Attempts);

        clock.Advance(TimeSpan.FromMinutes(1));
        await Retrier(store).RetryAsync(dueOnly: true, CancellationToken.None);
        var again = await store.GetAsync(message.MessageId);
        Assert.Equal(2, again!.Attempts);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(2), again.NextAttemptAt);

        clock.Advance(TimeSpan.FromMinutes(2));
        provider.Down = false;
        await Retrier(store).RetryAsync(dueOnly: true, CancellationToken.None);
        Assert.Equal(UndeliveredEmailStatus.Sent, (await store.GetAsync(message.MessageId))!.Status);
    }

    [Fact]
    public async Task Callers_sending_one_message_id_at_once_send_it_once_and_a_sent_one_is_not_sent_again()
    {
        var store = await StoreAsync();
        var message = SampleEmails.Invoice(NewId());
        provider.Delay = TimeSpan.FromMilliseconds(200);

        var receipts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Sender(store).SendAsync(message)));
        await Sender(store).SendAsync(message);

        Assert.Equal(1, provider.SentCount(message.MessageId));
        Assert.Single(receipts, r => r.Provider == "scripted");

        // The callers that found it in flight kept it for the retries, which find it sent once the claim has run out.
        Assert.Equal(UndeliveredEmailStatus.Pending, (await store.GetAsync(message.MessageId))!.Status);
        clock.Advance(Options.EmailSendLease);
        await Retrier(store).RetryAsync(dueOnly: true, CancellationToken.None);
        Assert.Equal(1, provider.SentCount(message.MessageId));
        Assert.Equal(UndeliveredEmailStatus.Sent, (await store.GetAsync(message.MessageId))!.Status);
    }

    [Fact]
    public async Task An_email_claimed_by_a_sender_that_died_mid_send_is_sent_once_when_the_claim_runs_out()
    {
        var store = await StoreAsync();
        var message = SampleEmails.Invoice(NewId());
        var now = clock.GetUtcNow();
        Assert.Equal(EmailSendClaim.Claimed, await new EmailSendLedger(storage).ClaimAsync(message.MessageId, now, now + Options.EmailSendLease));

        // A rerun of the step while the dead sender's claim holds: nothing is sent, the email is kept.
        await Sender(store).SendAsync(message);
        await Retrier(store).RetryAsync(dueOnly: false, CancellationToken.None);
        Assert.Equal(0, provider.SentCount(message.MessageId));

        // Once the claim has run out, the retries send it, once, whoever else tries too.
        clock.Advance(Options.EmailSendLease);
        await Task.WhenAll(Retrier(store).RetryAsync(dueOnly: true, CancellationToken.None), Sender(store).SendAsync(message), Sender(store).SendAsync(message));
        await Retrier(store).RetryAsync(dueOnly: false, CancellationToken.None);
        await Sender(store).SendAsync(message);

        Assert.Equal(1, provider.SentCount(message.MessageId));
    }

    private static string NewId() => "invoice/INV-" + Guid.NewGuid().ToString("N")[..12];

    private async Task<UndeliveredEmailStore> StoreAsync()
    {
        await storage.GetTableClient(UndeliveredEmailStore.TableName).CreateIfNotExistsAsync();
        await storage.GetTableClient(EmailSendLedger.TableName).CreateIfNotExistsAsync();
        return new UndeliveredEmailStore(storage);
    }

    private DeferringEmailSender Sender(UndeliveredEmailStore store) =>
        new(provider, new EmailSendLedger(storage), store, Microsoft.Extensions.Options.Options.Create(Options), clock, NullLogger<DeferringEmailSender>.Instance);

    private EmailRetrier Retrier(UndeliveredEmailStore store) =>
        new(store, new EmailSendLedger(storage), () => provider, Microsoft.Extensions.Options.Options.Create(Options), clock, NullLogger<EmailRetrier>.Instance);

    /// <summary>The mail provider's side: down (every email refused as unavailable) or up (each email counted).</summary>
    private sealed class ScriptedProvider : IEmailSender
    {
        private readonly ConcurrentDictionary<string, int> sent = new(StringComparer.Ordinal);

        public bool Down { get; set; }

        /// <summary>How long the provider takes to answer, so that callers overlap.</summary>
        public TimeSpan Delay { get; set; }

        public int SentCount(string messageId) => sent.GetValueOrDefault(messageId);

        public async Task<EmailReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            await Task.Delay(Delay, cancellationToken);
            if (Down)
            {
                throw new ProviderDownException(message.MessageId);
            }

            sent.AddOrUpdate(message.MessageId, 1, (_, n) => n + 1);
            return new EmailReceipt("scripted", message.MessageId, message.MessageId, DateTimeOffset.UnixEpoch);
        }
    }

    private sealed class ProviderDownException(string messageId) : EmailDeliveryException("scripted", $"provider down for '{messageId}'")
    {
        public override bool IsTransient => true;
    }
}
