using Billing.Storage.Connection;

namespace Billing.Storage.Tests.Connection;

public sealed class StorageConnectionStringTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public void Development_storage_is_the_well_known_account_on_loopback_path_style()
    {
        StorageConnectionString parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.True(parsed.IsDevelopmentStorage);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(DevelopmentStorage.AccountKey, parsed.AccountKey);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.Endpoints.Blob);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), parsed.Endpoints.Queue);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.Endpoints.Table);
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=billingprod;AccountKey=" + Key + ";EndpointSuffix=core.windows.net", "https://billingprod.blob.core.windows.net/", "https://billingprod.table.core.windows.net/")]
    [InlineData("AccountName=billingprod;AccountKey=" + Key, "https://billingprod.blob.core.windows.net/", "https://billingprod.table.core.windows.net/")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=cn;AccountKey=" + Key + ";EndpointSuffix=core.chinacloudapi.cn", "http://cn.blob.core.chinacloudapi.cn/", "http://cn.table.core.chinacloudapi.cn/")]
    [InlineData("AccountName=devstoreaccount1;AccountKey=" + Key + ";BlobEndpoint=http://127.0.0.1:41000/devstoreaccount1;TableEndpoint=http://127.0.0.1:41002/devstoreaccount1", "http://127.0.0.1:41000/devstoreaccount1", "http://127.0.0.1:41002/devstoreaccount1")]
    [InlineData("AccountName=devstoreaccount1;AccountKey=" + Key + ";BlobEndpoint=http://localhost:41000;TableEndpoint=http://127.0.0.1:41002/", "http://localhost:41000/devstoreaccount1", "http://127.0.0.1:41002/devstoreaccount1")]
    [InlineData("AccountName=acct;AccountKey=" + Key + ";TableEndpoint=https://tables.example.com", "https://acct.blob.core.windows.net/", "https://tables.example.com/")]
    public void Endpoints_come_from_the_account_and_suffix_or_explicit_settings(string connectionString, string blob, string table)
    {
        StorageConnectionString parsed = StorageConnectionString.Parse(connectionString);

        Assert.Equal(new Uri(blob), parsed.Endpoints.Blob);
        Assert.Equal(new Uri(table), parsed.Endpoints.Table);
        Assert.False(parsed.IsDevelopmentStorage);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("AccountName=billingprod;EndpointSuffix=core.windows.net", "has no AccountKey")]
    [InlineData("AccountKey=" + Key, "has no AccountName")]
    [InlineData("AccountName=billingprod;AccountKey=not base64!", "not valid Base64")]
    [InlineData("AccountName=billingprod;AccountKey=" + Key + ";DefaultEndpointsProtocol=ftp", "http or https")]
    [InlineData("AccountName=billingprod;AccountKey=" + Key + ";BlobEndpoint=not a url", "BlobEndpoint")]
    [InlineData("AccountName=billingprod;AccountKey=" + Key + ";AcountName=typo", "unknown setting 'AcountName'")]
    [InlineData("AccountName=billingprod;AccountName=other;AccountKey=" + Key, "sets 'AccountName' twice")]
    [InlineData("BlobEndpoint=https://x.blob.core.windows.net;SharedAccessSignature=sv=2020", "SharedAccessSignature")]
    [InlineData("UseDevelopmentStorage=yes", "true or false")]
    [InlineData("garbage", "name=value")]
    public void Unusable_connection_string_names_what_is_wrong(string connectionString, string expected)
    {
        var error = Assert.Throws<StorageConnectionStringException>(() => StorageConnectionString.Parse(connectionString));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_never_appears_in_text()
    {
        StorageConnectionString parsed = StorageConnectionString.Parse("AccountName=billingprod;AccountKey=" + Key);
        var error = Assert.Throws<StorageConnectionStringException>(() => StorageConnectionString.Parse("AccountName=x;AccountKey=" + Key + ";Bogus=1"));

        Assert.DoesNotContain(Key, parsed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1", true)]
    [InlineData("http://localhost:10000", true)]
    [InlineData("http://[::1]:10000", true)]
    [InlineData("https://proxy.example.com/account", true)]
    [InlineData("https://billingprod.blob.core.windows.net", false)]
    public void Path_style_addressing_is_recognised(string endpoint, bool pathStyle) =>
        Assert.Equal(pathStyle, StorageConnectionString.IsPathStyle(new Uri(endpoint)));
}
