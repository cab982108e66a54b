using Billing.Domain.Payments;
using Billing.Storage.Payments;
using Billing.Storage.Tables;
using Billing.Storage.Tests.Contract;
using Billing.Storage.Tests.Fixtures;

namespace Billing.Storage.Tests.Payments;

/// <summary>Payments recorded once by id with their follow-up pending, and their follow-up and receipt noted once done, against Azurite and the twin.</summary>
public abstract class PaymentStoreContractTests(StorageTarget target) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 2, 20, 2, 0, 0, TimeSpan.Zero);
    private readonly ITableClient table = target.Account.GetTableClient(StorageTarget.UniqueName("payments"));

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_payment_is_recorded_once_and_the_same_id_with_other_content_is_refused()
    {
        var store = new PaymentStore(table);
        var payment = new Payment("pay-1", "acme", At, 1220.00m, "2026-01");

        Assert.Equal(PaymentRecording.Recorded, await store.RecordAsync(payment, At));
        Assert.Equal(PaymentRecording.Repeated, await store.RecordAsync(payment, At));
        Assert.Equal(PaymentRecording.Conflicting, await store.RecordAsync(payment with { Amount = 1000m }, At));
        Assert.Equal([payment], await store.ForCustomerAsync("acme"));
    }

    [Fact]
    public async Task A_receipt_is_noted_as_sent_on_the_payment_alone_and_leaves_the_payment_unchanged()
    {
        var store = new PaymentStore(table);
        var paid = new Payment("pay/1", "acme", At, 50m, null);
        var other = new Payment("pay/2", "acme", At, 70m, null);
        await store.RecordAsync(paid, At);
        await store.RecordAsync(other, At);

        Assert.False(await store.ReceiptSentAsync(paid));
        await store.MarkFollowedUpAsync(paid, At.AddMinutes(1));

        Assert.True(await store.ReceiptSentAsync(paid));
        Assert.False(await store.ReceiptSentAsync(other));
        Assert.Equal(PaymentRecording.Repeated, await store.RecordAsync(paid, At));
        Assert.Equal([paid, other], await store.ForCustomerAsync("acme"));
    }

    [Fact]
    public async Task A_follow_up_is_pending_from_recording_until_noted_done_with_or_without_a_receipt()
    {
        var store = new PaymentStore(table);
        var first = new Payment("pay-a", "acme", At, 50m, null);
        var second = new Payment("pay-b", "acme", At.AddHours(-1), 70m, "2026-01");
        var third = new Payment("pay-c", "acme", At, 10m, null);
        await store.RecordAsync(first, At.AddMinutes(5));
        await store.RecordAsync(second, At.AddMinutes(2));
        await store.RecordAsync(third, At.AddMinutes(9));

        var recorded = await store.WithFollowUpsAsync("acme");
        Assert.Equal([second, first, third], recorded.Payments);
        Assert.Equal(
            [new PendingFollowUp(second, At.AddMinutes(2)), new PendingFollowUp(first, At.AddMinutes(5)), new PendingFollowUp(third, At.AddMinutes(9))],
            recorded.FollowUps);

        // A receipt sent, and a payer without an address (no receipt), both end the follow-up; a repeat does not restart it.
        await store.MarkFollowedUpAsync(first, At.AddMinutes(6));
        await store.MarkFollowedUpAsync(second, null);
        Assert.Equal(PaymentRecording.Repeated, await store.RecordAsync(first, At.AddMinutes(30)));

        var after = await store.WithFollowUpsAsync("acme");
        Assert.Equal([new PendingFollowUp(third, At.AddMinutes(9))], after.FollowUps);
        Assert.Equal([second, first, third], after.Payments);
        Assert.True(await store.ReceiptSentAsync(first));
        Assert.False(await store.ReceiptSentAsync(second));
        Assert.Empty((await store.WithFollowUpsAsync("beta")).FollowUps);
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class AzuritePaymentStoreContractTests(AzuriteFixture fixture) : PaymentStoreContractTests(new AzuriteTarget(fixture));

public sealed class InMemoryPaymentStoreContractTests() : PaymentStoreContractTests(new InMemoryTarget());
