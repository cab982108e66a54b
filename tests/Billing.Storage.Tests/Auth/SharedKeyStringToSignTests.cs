using Billing.Storage.Auth;

namespace Billing.Storage.Tests.Auth;

/// <summary>
/// Strings-to-sign built by hand from the documented algorithm ("Authorize with Shared Key"): for Blob and Queue the
/// verb, eleven standard header lines (Content-Length empty when zero, Date empty when x-ms-date is sent), the
/// canonicalized x-ms- headers and the canonicalized resource; for Table (Shared Key Lite) the date and the resource.
/// Against Azurite's path-style URLs the account is named twice: once by the algorithm, once as the first path segment.
/// </summary>
public sealed class SharedKeyStringToSignTests
{
    private const string Date = "Fri, 26 Jun 2015 23:39:12 GMT";
    private const string DevAccount = "devstoreaccount1";

    public static TheoryData<string, string, string, long, string> BlobAndQueueVectors => new()
    {
        {
            "GET", "http://127.0.0.1:10000/devstoreaccount1/invoices/2024/inv-1.pdf",
            $"x-ms-date: {Date}|x-ms-version: 2024-08-04", 0,
            $"GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:{Date}\nx-ms-version:2024-08-04\n/devstoreaccount1/devstoreaccount1/invoices/2024/inv-1.pdf"
        },
        {
            // Content headers in their fixed slots; metadata value whitespace folded; headers sorted by lower-cased name.
            "PUT", "http://127.0.0.1:10000/devstoreaccount1/invoices/a.txt",
            $"X-MS-Version: 2024-08-04|x-ms-meta-Customer:   acme    corp |Content-Type: text/plain|If-None-Match: *|x-ms-blob-type: BlockBlob|x-ms-date: {Date}", 11,
            $"PUT\n\n\n11\n\ntext/plain\n\n\n\n*\n\n\nx-ms-blob-type:BlockBlob\nx-ms-date:{Date}\nx-ms-meta-customer:acme corp\nx-ms-version:2024-08-04\n/devstoreaccount1/devstoreaccount1/invoices/a.txt"
        },
        {
            // Query parameters: lower-cased names, sorted, values URL-decoded; repeated names joined by commas.
            "GET", "http://127.0.0.1:10000/devstoreaccount1/invoices?restype=container&comp=list&prefix=acme%2F2025&include=metadata&Include=snapshots",
            $"x-ms-date: {Date}", 0,
            $"GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:{Date}\n/devstoreaccount1/devstoreaccount1/invoices\ncomp:list\ninclude:metadata,snapshots\nprefix:acme/2025\nrestype:container"
        },
        {
            // Public-cloud virtual-host URL: the account appears once; an empty path canonicalizes to "/".
            "GET", "https://myaccount.blob.core.windows.net/?comp=list",
            $"x-ms-date: {Date}", 0,
            $"GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:{Date}\n/myaccount/\ncomp:list"
        },
        {
            // Queue message delete: a pop receipt with '=' arrives decoded in the resource.
            "DELETE", "http://127.0.0.1:10001/devstoreaccount1/usage/messages/7a4c?popreceipt=AgAAAAMAAAA%3D",
            $"x-ms-date: {Date}|x-ms-client-request-id: 42", 0,
            $"DELETE\n\n\n\n\n\n\n\n\n\n\n\nx-ms-client-request-id:42\nx-ms-date:{Date}\n/devstoreaccount1/devstoreaccount1/usage/messages/7a4c\npopreceipt:AgAAAAMAAAA="
        },
        {
            // Without x-ms-date the Date header fills the date slot; Range and If-Match have their own slots.
            "GET", "http://127.0.0.1:10000/devstoreaccount1/c/b",
            $"Date: {Date}|Range: bytes=0-99|If-Match: \"0x1\"", 0,
            $"GET\n\n\n\n\n\n{Date}\n\n\"0x1\"\n\n\nbytes=0-99\n/devstoreaccount1/devstoreaccount1/c/b"
        },
        {
            // Percent-encoded path segments stay encoded, as sent on the wire.
            "HEAD", "http://127.0.0.1:10000/devstoreaccount1/c/M%C3%BCller%20%26%20S%C3%B6hne.pdf",
            $"x-ms-date: {Date}", 0,
            $"HEAD\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:{Date}\n/devstoreaccount1/devstoreaccount1/c/M%C3%BCller%20%26%20S%C3%B6hne.pdf"
        },
    };

    public static TheoryData<string, string, string> TableVectors => new()
    {
        { "http://127.0.0.1:10002/devstoreaccount1/Tables", $"x-ms-date: {Date}", $"{Date}\n/devstoreaccount1/devstoreaccount1/Tables" },
        {
            // Only comp survives from the query; $filter and paging parameters are not signed.
            "http://127.0.0.1:10002/devstoreaccount1/usage()?$filter=PartitionKey%20eq%20%27a%27&NextPartitionKey=x",
            $"x-ms-date: {Date}", $"{Date}\n/devstoreaccount1/devstoreaccount1/usage()"
        },
        { "https://myaccount.table.core.windows.net/mytable?comp=acl", $"x-ms-date: {Date}", $"{Date}\n/myaccount/mytable?comp=acl" },
        {
            "http://127.0.0.1:10002/devstoreaccount1/usage(PartitionKey='a%7Cb',RowKey='1')",
            $"Date: {Date}", $"{Date}\n/devstoreaccount1/devstoreaccount1/usage(PartitionKey='a%7Cb',RowKey='1')"
        },
    };

    [Theory]
    [MemberData(nameof(BlobAndQueueVectors))]
    public void Blob_and_queue_string_to_sign_follows_the_documented_layout(string method, string url, string headers, long contentLength, string expected)
    {
        var input = new SigningInput(method, new Uri(url), ParseHeaders(headers), contentLength);

        Assert.Equal(expected, SharedKeyCanonicalizer.BlobQueueStringToSign(input, Account(url)));
    }

    [Theory]
    [MemberData(nameof(TableVectors))]
    public void Table_shared_key_lite_string_to_sign_is_the_date_and_the_resource(string url, string headers, string expected)
    {
        var input = new SigningInput("GET", new Uri(url), ParseHeaders(headers), 0);

        Assert.Equal(expected, SharedKeyCanonicalizer.TableStringToSign(input, Account(url)));
    }

    [Fact]
    public void Zero_content_length_signs_as_an_empty_line()
    {
        var empty = new SigningInput("PUT", new Uri("http://127.0.0.1:10001/devstoreaccount1/q"), ParseHeaders($"x-ms-date: {Date}"), 0);

        string[] lines = SharedKeyCanonicalizer.BlobQueueStringToSign(empty, DevAccount).Split('\n');

        Assert.Equal(string.Empty, lines[3]);
    }

    private static string Account(string url) => url.Contains("myaccount", StringComparison.Ordinal) ? "myaccount" : DevAccount;

    private static List<KeyValuePair<string, string>> ParseHeaders(string headers) =>
        headers.Split('|').Select(h => h.Split(':', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1].TrimStart())).ToList();
}
