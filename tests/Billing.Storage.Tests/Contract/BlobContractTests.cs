using Azure;
using Billing.Storage.Blobs;
using Billing.Storage.Tests.Fixtures;

namespace Billing.Storage.Tests.Contract;

/// <summary>The blob container contract, run against real Azurite and against the in-memory twin.</summary>
public abstract class BlobContractTests(StorageTarget target) : IAsyncLifetime
{
    private readonly IBlobContainerClient container = target.Account.GetBlobContainerClient(StorageTarget.UniqueName("invoices-"));

    public Task InitializeAsync() => container.CreateIfNotExistsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Creating_an_existing_container_reports_it_already_existed()
    {
        IBlobContainerClient fresh = target.Account.GetBlobContainerClient(StorageTarget.UniqueName("c-"));

        Assert.True(await fresh.CreateIfNotExistsAsync());
        Assert.False(await fresh.CreateIfNotExistsAsync());
    }

    [Fact]
    public async Task Uploaded_blob_downloads_with_its_content_type_metadata_and_etag()
    {
        var options = new BlobUploadOptions
        {
            ContentType = "application/pdf",
            Metadata = new Dictionary<string, string> { ["sha256"] = "abc123", ["customer"] = "acme" },
        };

        BlobContentInfo info = await container.UploadBlobAsync("2025/03/INV-0001.pdf", BinaryData.FromString("%PDF-1.7 invoice"), options);
        BlobDownloadResult download = await container.DownloadContentAsync("2025/03/INV-0001.pdf");
        BlobProperties properties = await container.GetPropertiesAsync("2025/03/INV-0001.pdf");

        Assert.Equal("%PDF-1.7 invoice", download.Content.ToString());
        foreach (BlobProperties p in new[] { download.Details, properties })
        {
            Assert.Equal("application/pdf", p.ContentType);
            Assert.Equal(16, p.ContentLength);
            Assert.Equal(info.ETag, p.ETag);
            Assert.Equal("abc123", p.Metadata["sha256"]);
            Assert.Equal("acme", p.Metadata["customer"]);
        }
    }

    [Fact]
    public async Task Upload_replaces_an_existing_blob_by_default()
    {
        BlobContentInfo first = await container.UploadBlobAsync("a.txt", BinaryData.FromString("one"));
        BlobContentInfo second = await container.UploadBlobAsync("a.txt", BinaryData.FromString("two"));

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal("two", (await container.DownloadContentAsync("a.txt")).Content.ToString());
    }

    [Fact]
    public async Task Write_once_blob_refuses_a_second_write_with_409()
    {
        var writeOnce = new BlobUploadOptions { WriteOnce = true };
        await container.UploadBlobAsync("INV-0002.pdf", BinaryData.FromString("original"), writeOnce);

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(
            () => container.UploadBlobAsync("INV-0002.pdf", BinaryData.FromString("tampered"), writeOnce));

        Assert.Equal((409, StorageErrorCode.BlobAlreadyExists), (error.Status, error.ErrorCode));
        Assert.Equal("original", (await container.DownloadContentAsync("INV-0002.pdf")).Content.ToString());
    }

    [Fact]
    public async Task Listing_by_prefix_follows_markers_in_name_order()
    {
        foreach (string name in new[] { "acme/5.pdf", "acme/1.pdf", "acme/3.pdf", "acme/2.pdf", "acme/4.pdf", "zeta/1.pdf", "acme.txt" })
        {
            await container.UploadBlobAsync(name, BinaryData.FromString(name));
        }

        List<Page<BlobItem>> pages = await container.GetBlobsAsync("acme/").AsPages(pageSizeHint: 2).ToListAsync();

        Assert.Equal([2, 2, 1], pages.Select(p => p.Values.Count));
        Assert.Equal(["acme/1.pdf", "acme/2.pdf", "acme/3.pdf", "acme/4.pdf", "acme/5.pdf"], pages.SelectMany(p => p.Values).Select(b => b.Name));
        Assert.Equal(10, pages[0].Values[0].Properties.ContentLength);
    }

    [Fact]
    public async Task Deleted_blob_is_gone_and_deleting_it_again_is_404()
    {
        await container.UploadBlobAsync("gone.txt", BinaryData.FromString("x"));

        await container.DeleteBlobAsync("gone.txt");
        var download = await Assert.ThrowsAsync<StorageRequestFailedException>(() => container.DownloadContentAsync("gone.txt"));
        var delete = await Assert.ThrowsAsync<StorageRequestFailedException>(() => container.DeleteBlobAsync("gone.txt"));

        Assert.Equal((404, StorageErrorCode.BlobNotFound), (download.Status, download.ErrorCode));
        Assert.Equal((404, StorageErrorCode.BlobNotFound), (delete.Status, delete.ErrorCode));
        Assert.False(await container.DeleteBlobIfExistsAsync("gone.txt"));
    }

    [Fact]
    public async Task Properties_of_a_missing_blob_are_404()
    {
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => container.GetPropertiesAsync("absent.pdf"));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Blob_names_with_spaces_and_unicode_round_trip()
    {
        const string name = "Kunden/Müller & Söhne/Rechnung 2025 #1.pdf";

        await container.UploadBlobAsync(name, BinaryData.FromString("x"));
        List<BlobItem> listed = await container.GetBlobsAsync("Kunden/").ToListAsync();

        Assert.Equal(name, Assert.Single(listed).Name);
        Assert.Equal("x", (await container.DownloadContentAsync(name)).Content.ToString());
    }

    [Fact]
    public async Task Missing_container_is_404_ContainerNotFound()
    {
        IBlobContainerClient missing = target.Account.GetBlobContainerClient(StorageTarget.UniqueName("missing-"));

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => missing.UploadBlobAsync("a", BinaryData.FromString("x")));

        Assert.Equal((404, StorageErrorCode.ContainerNotFound), (error.Status, error.ErrorCode));
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteBlobContractTests(AzuriteFixture fixture) : BlobContractTests(new AzuriteTarget(fixture));

public sealed class InMemoryBlobContractTests() : BlobContractTests(new InMemoryTarget());
