using Billing.Domain.Payments;
using Billing.Storage.Payments;
using Billing.Storage.Tables;
using Billing.Storage.Tests.Contract;
using Billing.Storage.Tests.Fixtures;

namespace Billing.Storage.Tests.Payments;

/// <summary>Payments recorded once by id, and their receipt noted once sent, against Azurite and the twin.</summary>
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

        Assert.Equal(PaymentRecording.Recorded, await store.RecordAsync(payment));
        Assert.Equal(PaymentRecording.Repeated, await store.RecordAsync(payment));
        Assert.Equal(PaymentRecording.Conflicting, await store.RecordAsync(payment with { Amount = 1000m }));
        Assert.Equal([payment], await store.ForCustomerAsync("acme"));
    }

    [Fact]
    public async Task A_receipt_is_noted_as_sent_on_the_payment_alone_and_leaves_the_payment_unchanged()
    {
        var store = new PaymentStore(table);
        var paid = new Payment("pay/1", "acme", At, 50m, null);
        var other = new Payment("pay/2", "acme", At, 70m, null);
        await store.RecordAsync(paid);
        await store.RecordAsync(other);

        Assert.False(await store.ReceiptSentAsync(paid));
        await store.MarkReceiptSentAsync(paid, At.AddMinutes(1));

        Assert.True(await store.ReceiptSentAsync(paid));
        Assert.False(await store.ReceiptSentAsync(other));
        Assert.Equal(PaymentRecording.Repeated, await store.RecordAsync(paid));
        Assert.Equal([paid, other], await store.ForCustomerAsync("acme"));
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class AzuritePaymentStoreContractTests(AzuriteFixture fixture) : PaymentStoreContractTests(new AzuriteTarget(fixture));

public sealed class InMemoryPaymentStoreContractTests() : PaymentStoreContractTests(new InMemoryTarget());
