using Azure.Identity;
using Billing.Storage.Connection;

namespace Billing.Storage.Tests.Connection;

/// <summary>
/// <c>AzureWebJobsStorage</c> settings as Functions reads them pick the client endpoints and the credential.
/// Nothing here reaches Azure: building clients and credentials sends no request.
/// </summary>
public sealed class StorageConnectionTests
{
    private const string Name = "AzureWebJobsStorage";

    [Fact]
    public void UseDevelopmentStorage_targets_the_emulator_on_its_default_ports()
    {
        StorageAccount account = Account(new() { [Name] = "UseDevelopmentStorage=true" });

        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", account.BlobServiceUri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1", account.QueueServiceUri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", account.TableServiceUri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal(DevelopmentStorage.AccountName, account.AccountName);
        Assert.Equal([10000, 10001, 10002], account.EmulatorPorts ?? []);
    }

    [Fact]
    public void An_emulator_on_other_loopback_ports_is_the_emulator_on_those_ports()
    {
        StorageAccount account = Account(new() { [Name] = DevelopmentStorage.ConnectionString(41000, 41001, 41002) });

        Assert.Equal(41002, account.TableServiceUri.Port);
        Assert.Equal([41000, 41001, 41002], account.EmulatorPorts ?? []);
    }

    [Fact]
    public void Account_key_connection_string_targets_the_public_cloud_endpoints()
    {
        StorageAccount account = Account(new()
        {
            [Name] = "DefaultEndpointsProtocol=https;AccountName=billingprod;AccountKey=" + DevelopmentStorage.AccountKey + ";EndpointSuffix=core.windows.net",
        });

        Assert.Equal("https://billingprod.blob.core.windows.net/", account.BlobServiceUri.AbsoluteUri);
        Assert.Equal("https://billingprod.queue.core.windows.net/", account.QueueServiceUri.AbsoluteUri);
        Assert.Equal("https://billingprod.table.core.windows.net/", account.TableServiceUri.AbsoluteUri);
        Assert.Null(account.EmulatorPorts);
    }

    [Fact]
    public void Account_name_alone_is_identity_based_with_DefaultAzureCredential()
    {
        var connection = Assert.IsType<StorageConnection.Identity>(Connection(new() { [$"{Name}:accountName"] = "billingprod" }));
        StorageAccount account = StorageAccount.FromConnection(connection);

        Assert.Equal(StorageCredentialKind.Default, connection.Credential);
        Assert.IsType<DefaultAzureCredential>(connection.CreateCredential());
        Assert.Equal("https://billingprod.blob.core.windows.net/", account.BlobServiceUri.AbsoluteUri);
        Assert.Equal("https://billingprod.queue.core.windows.net/", account.QueueServiceUri.AbsoluteUri);
        Assert.Equal("https://billingprod.table.core.windows.net/", account.TableServiceUri.AbsoluteUri);
        Assert.Equal("billingprod", account.AccountName);
    }

    [Fact]
    public void Managed_identity_credential_with_a_client_id_is_the_user_assigned_identity()
    {
        var connection = Assert.IsType<StorageConnection.Identity>(Connection(new()
        {
            [$"{Name}:accountName"] = "billingprod",
            [$"{Name}:credential"] = "managedidentity",
            [$"{Name}:clientId"] = "00000000-0000-0000-0000-00000000abcd",
        }));

        Assert.Equal((StorageCredentialKind.ManagedIdentity, "00000000-0000-0000-0000-00000000abcd"), (connection.Credential, connection.ClientId));
        Assert.IsType<ManagedIdentityCredential>(connection.CreateCredential());
    }

    [Fact]
    public void Managed_identity_credential_without_a_client_id_is_the_system_assigned_identity()
    {
        var connection = Assert.IsType<StorageConnection.Identity>(Connection(new()
        {
            [$"{Name}:accountName"] = "billingprod",
            [$"{Name}:credential"] = "managedidentity",
        }));

        Assert.Null(connection.ClientId);
        Assert.IsType<ManagedIdentityCredential>(connection.CreateCredential());
    }

    [Fact]
    public void Service_uris_override_the_account_endpoints_one_by_one()
    {
        StorageAccount account = Account(new()
        {
            [$"{Name}:accountName"] = "billingprod",
            [$"{Name}:tableServiceUri"] = "https://billingtables.table.core.windows.net",
        });

        Assert.Equal("billingtables.table.core.windows.net", account.TableServiceUri.Host);
        Assert.Equal("billingprod.blob.core.windows.net", account.BlobServiceUri.Host);
        Assert.Equal("billingprod.queue.core.windows.net", account.QueueServiceUri.Host);
    }

    [Fact]
    public void Service_uris_without_an_account_name_must_name_all_three_services()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Connection(new()
        {
            [$"{Name}:blobServiceUri"] = "https://billingprod.blob.core.windows.net",
            [$"{Name}:queueServiceUri"] = "https://billingprod.queue.core.windows.net",
        }));

        Assert.Contains("AzureWebJobsStorage__tableServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_wins_over_identity_settings()
    {
        StorageConnection connection = Connection(new()
        {
            [Name] = "UseDevelopmentStorage=true",
            [$"{Name}:accountName"] = "billingprod",
        });

        Assert.IsType<StorageConnection.ConnectionString>(connection);
    }

    [Theory]
    [InlineData("clientsecret")]
    [InlineData("azurecli")]
    public void Unknown_credential_kinds_are_refused_naming_the_setting(string credential)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Connection(new()
        {
            [$"{Name}:accountName"] = "billingprod",
            [$"{Name}:credential"] = credential,
        }));

        Assert.Contains("AzureWebJobsStorage__credential", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_uri_that_is_not_https_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Connection(new()
        {
            [$"{Name}:accountName"] = "billingprod",
            [$"{Name}:queueServiceUri"] = "http://billingprod.queue.core.windows.net",
        }));

        Assert.Contains("AzureWebJobsStorage__queueServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_settings_at_all_is_refused_naming_the_connection()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Connection([]));

        Assert.StartsWith("AzureWebJobsStorage is not configured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_never_prints_its_key()
    {
        StorageConnection connection = Connection(new() { [Name] = DevelopmentStorage.ConnectionString(41000, 41001, 41002) });

        Assert.DoesNotContain(DevelopmentStorage.AccountKey, connection.ToString(), StringComparison.Ordinal);
    }

    private static StorageConnection Connection(Dictionary<string, string> settings) =>
        StorageConnection.FromSettings(Name, key => settings.GetValueOrDefault(key));

    private static StorageAccount Account(Dictionary<string, string> settings) => StorageAccount.FromConnection(Connection(settings));
}
