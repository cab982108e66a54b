using System.Globalization;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Billing.Storage.Http;

namespace Billing.Storage.Blobs;

/// <summary>
/// <see cref="IBlobContainerClient"/> over the Blob service REST API on an Azure.Core pipeline.
/// Build it through <see cref="StorageAccount.GetBlobContainerClient"/>.
/// </summary>
public sealed class BlobContainerRestClient : IBlobContainerClient
{
    private const string MetadataPrefix = "x-ms-meta-";

    private readonly StoragePipeline pipeline;
    private readonly Uri containerUri;

    internal BlobContainerRestClient(StoragePipeline pipeline, Uri endpoint, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        this.pipeline = pipeline;
        Name = name;
        containerUri = BlobNames.Container(endpoint, name);
    }

    public string Name { get; }

    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Put, new Uri(containerUri.AbsoluteUri + "?restype=container"));
        Response response = await pipeline.SendAsync(message, $"Create container '{Name}'", cancellationToken, 409).ConfigureAwait(false);
        return response.Status != 409;
    }

    public async Task<BlobContentInfo> UploadBlobAsync(
        string blobName, BinaryData content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= new BlobUploadOptions();
        BlobNames.ValidateMetadata(options.Metadata);

        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Put, BlobNames.Blob(containerUri, blobName));
        message.Request.Headers.Add("x-ms-blob-type", "BlockBlob");
        message.Request.Headers.Add("Content-Type", options.ContentType ?? "application/octet-stream");
        if (options.WriteOnce)
        {
            message.Request.Headers.Add("If-None-Match", "*");
        }

        foreach ((string name, string value) in options.Metadata ?? new Dictionary<string, string>())
        {
            message.Request.Headers.Add(MetadataPrefix + name, value);
        }

        message.Request.Content = RequestContent.Create(content);
        Response response = await pipeline.SendAsync(message, Describe("Upload", blobName), cancellationToken).ConfigureAwait(false);
        return new BlobContentInfo(response.Headers.ETag ?? default, LastModified(response));
    }

    public async Task<BlobDownloadResult> DownloadContentAsync(string blobName, CancellationToken cancellationToken = default)
    {
        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Get, BlobNames.Blob(containerUri, blobName));
        Response response = await pipeline.SendAsync(message, Describe("Download", blobName), cancellationToken).ConfigureAwait(false);
        return new BlobDownloadResult(response.Content, PropertiesOf(response));
    }

    public async Task<BlobProperties> GetPropertiesAsync(string blobName, CancellationToken cancellationToken = default)
    {
        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Head, BlobNames.Blob(containerUri, blobName));
        Response response = await pipeline.SendAsync(message, Describe("Get properties of", blobName), cancellationToken).ConfigureAwait(false);
        return PropertiesOf(response);
    }

    public AsyncPageable<BlobItem> GetBlobsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        new DelegatingPageable<BlobItem>((marker, pageSize, ct) => ListPageAsync(prefix, marker, pageSize, ct), cancellationToken);

    public async Task DeleteBlobAsync(string blobName, CancellationToken cancellationToken = default)
    {
        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Delete, BlobNames.Blob(containerUri, blobName));
        await pipeline.SendAsync(message, Describe("Delete", blobName), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteBlobIfExistsAsync(string blobName, CancellationToken cancellationToken = default)
    {
        using HttpMessage message = pipeline.CreateMessage(RequestMethod.Delete, BlobNames.Blob(containerUri, blobName));
        Response response = await pipeline.SendAsync(message, Describe("Delete", blobName), cancellationToken, 404).ConfigureAwait(false);
        if (response.Status == 404 && ErrorCode(response) != StorageErrorCode.BlobNotFound)
        {
            throw StorageErrorParser.ToException(response, pipeline.AccountName, Describe("Delete", blobName));
        }

        return response.Status != 404;
    }

    private async Task<Page<BlobItem>> ListPageAsync(string? prefix, string? marker, int? pageSize, CancellationToken cancellationToken)
    {
        string address = containerUri.AbsoluteUri + "?restype=container&comp=list&include=metadata";
        if (!string.IsNullOrEmpty(prefix))
        {
            address += "&prefix=" + Uri.EscapeDataString(prefix);
        }

        if (!string.IsNullOrEmpty(marker))
        {
            address += "&marker=" + Uri.EscapeDataString(marker);
        }

        if (pageSize is int size)
        {
            address += "&maxresults=" + size.ToString(CultureInfo.InvariantCulture);
        }

        // Not disposed: the page keeps the (buffered) raw response for GetRawResponse().
        HttpMessage message = pipeline.CreateMessage(RequestMethod.Get, new Uri(address));
        Response response = await pipeline.SendAsync(message, $"List blobs in '{Name}'", cancellationToken).ConfigureAwait(false);
        XElement root = XDocument.Parse(response.Content.ToString()).Root!;
        var items = new List<BlobItem>();
        foreach (XElement blob in root.Element("Blobs")?.Elements("Blob") ?? [])
        {
            XElement properties = blob.Element("Properties")!;
            var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (XElement entry in blob.Element("Metadata")?.Elements() ?? [])
            {
                metadata[entry.Name.LocalName] = entry.Value;
            }

            items.Add(new BlobItem(
                blob.Element("Name")!.Value,
                new BlobProperties(
                    properties.Element("Content-Type")?.Value ?? string.Empty,
                    long.Parse(properties.Element("Content-Length")?.Value ?? "0", CultureInfo.InvariantCulture),
                    new ETag(properties.Element("Etag")?.Value ?? string.Empty),
                    DateTimeOffset.Parse(properties.Element("Last-Modified")!.Value, CultureInfo.InvariantCulture),
                    metadata)));
        }

        string? next = root.Element("NextMarker")?.Value;
        return Page<BlobItem>.FromValues(items, string.IsNullOrEmpty(next) ? null : next, response);
    }

    private static BlobProperties PropertiesOf(Response response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (HttpHeader header in response.Headers)
        {
            if (header.Name.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name[MetadataPrefix.Length..]] = header.Value;
            }
        }

        return new BlobProperties(
            response.Headers.ContentType ?? string.Empty,
            response.Headers.ContentLength ?? 0,
            response.Headers.ETag ?? default,
            LastModified(response),
            metadata);
    }

    private static DateTimeOffset LastModified(Response response) =>
        response.Headers.TryGetValue("Last-Modified", out string? value)
            ? DateTimeOffset.Parse(value, CultureInfo.InvariantCulture)
            : default;

    private static string? ErrorCode(Response response) =>
        response.Headers.TryGetValue("x-ms-error-code", out string? code) ? code : StorageErrorParser.ParseBody(response.Content).Code;

    private string Describe(string verb, string blobName) => $"{verb} blob '{blobName}' in container '{Name}'";
}
