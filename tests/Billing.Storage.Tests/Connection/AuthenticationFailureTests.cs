using Billing.Storage.Connection;
using Billing.Storage.Tests.Contract;
using Billing.Storage.Tests.Fixtures;

namespace Billing.Storage.Tests.Connection;

/// <summary>A wrong account key is refused by the emulator with 403 and surfaces as an authentication error naming the account.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AuthenticationFailureTests(AzuriteFixture fixture)
{
    private static readonly string WrongKey = Convert.ToBase64String(new byte[64]);

    private StorageAccount WrongKeyAccount() =>
        StorageAccount.FromConnectionString(fixture.ConnectionString.Replace(DevelopmentStorage.AccountKey, WrongKey, StringComparison.Ordinal));

    [Fact]
    public async Task Wrong_key_on_tables_is_an_authentication_error_naming_the_account()
    {
        var error = await Assert.ThrowsAsync<StorageAuthenticationException>(
            () => WrongKeyAccount().GetTableClient("authcheck").CreateIfNotExistsAsync());

        Assert.Equal(403, error.Status);
        Assert.Equal("devstoreaccount1", error.AccountName);
        Assert.Contains("'devstoreaccount1'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_key_on_blobs_is_an_authentication_error_naming_the_account()
    {
        var error = await Assert.ThrowsAsync<StorageAuthenticationException>(
            () => WrongKeyAccount().GetBlobContainerClient("authcheck").CreateIfNotExistsAsync());

        Assert.Equal((403, "devstoreaccount1"), (error.Status, error.AccountName));
    }

    [Fact]
    public async Task Wrong_key_on_queues_is_an_authentication_error_naming_the_account()
    {
        var error = await Assert.ThrowsAsync<StorageAuthenticationException>(
            () => WrongKeyAccount().GetQueueClient("authcheck").CreateIfNotExistsAsync());

        Assert.Equal((403, "devstoreaccount1"), (error.Status, error.AccountName));
    }

    [Fact]
    public async Task The_right_key_is_accepted_by_all_three_services()
    {
        StorageAccount account = StorageAccount.FromConnectionString(fixture.ConnectionString);

        Assert.True(await account.GetTableClient(StorageTarget.UniqueName("ok")).CreateIfNotExistsAsync());
        Assert.True(await account.GetBlobContainerClient(StorageTarget.UniqueName("ok-")).CreateIfNotExistsAsync());
        Assert.True(await account.GetQueueClient(StorageTarget.UniqueName("ok-")).CreateIfNotExistsAsync());
    }
}
