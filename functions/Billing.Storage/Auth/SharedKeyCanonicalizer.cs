using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Billing.Storage.Auth;

/// <summary>
/// Builds the Shared Key strings-to-sign as the Azure Storage REST reference ("Authorize with Shared Key")
/// specifies them, and signs them. Pure: no clock, no I/O, so it is tested with a table of vectors.
/// Included: Shared Key for Blob and Queue (version 2015-02-21 and later: a zero Content-Length signs as
/// empty), Shared Key Lite for Table. The canonicalized resource is <c>/{account}{encoded URI path}</c>;
/// against a path-style endpoint the path itself starts with the account, so the account appears twice.
/// </summary>
internal static partial class SharedKeyCanonicalizer
{
    private const string XMsPrefix = "x-ms-";

    /// <summary>Shared Key string-to-sign for the Blob and Queue services.</summary>
    public static string BlobQueueStringToSign(SigningInput input, string accountName)
    {
        ArgumentNullException.ThrowIfNull(input);
        var builder = new StringBuilder();
        builder.Append(input.Method.ToUpperInvariant()).Append('\n');
        builder.Append(input.Header("Content-Encoding")).Append('\n');
        builder.Append(input.Header("Content-Language")).Append('\n');
        builder.Append(input.ContentLength == 0 ? string.Empty : input.ContentLength.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        builder.Append(input.Header("Content-MD5")).Append('\n');
        builder.Append(input.Header("Content-Type")).Append('\n');
        // The Date line stays empty whenever x-ms-date is sent, which this client always does.
        builder.Append(input.Header("x-ms-date").Length > 0 ? string.Empty : input.Header("Date")).Append('\n');
        builder.Append(input.Header("If-Modified-Since")).Append('\n');
        builder.Append(input.Header("If-Match")).Append('\n');
        builder.Append(input.Header("If-None-Match")).Append('\n');
        builder.Append(input.Header("If-Unmodified-Since")).Append('\n');
        builder.Append(input.Header("Range")).Append('\n');
        builder.Append(CanonicalizedHeaders(input.Headers));
        builder.Append(BlobQueueCanonicalizedResource(input.Uri, accountName));
        return builder.ToString();
    }

    /// <summary>Shared Key Lite string-to-sign for the Table service: the date, a newline, the canonicalized resource.</summary>
    public static string TableStringToSign(SigningInput input, string accountName)
    {
        ArgumentNullException.ThrowIfNull(input);
        string date = input.Header("x-ms-date");
        if (date.Length == 0)
        {
            date = input.Header("Date");
        }

        return date + "\n" + TableCanonicalizedResource(input.Uri, accountName);
    }

    /// <summary>
    /// The x-ms-* headers, lower-cased, sorted by name, runs of whitespace in values folded to one space,
    /// whitespace around the colon trimmed, repeated headers joined with commas, each line ending in '\n'.
    /// </summary>
    public static string CanonicalizedHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var builder = new StringBuilder();
        IEnumerable<IGrouping<string, string>> groups = headers
            .Where(h => h.Key.StartsWith(XMsPrefix, StringComparison.OrdinalIgnoreCase))
            .GroupBy(h => h.Key.Trim().ToLowerInvariant(), h => Fold(h.Value))
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (IGrouping<string, string> group in groups)
        {
            builder.Append(group.Key).Append(':').Append(string.Join(',', group)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>
    /// <c>/{account}{path}</c>, then one line per query parameter: the lower-cased name, a colon, and its
    /// URL-decoded values sorted and comma-joined, parameters sorted by name.
    /// </summary>
    public static string BlobQueueCanonicalizedResource(Uri uri, string accountName)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var builder = new StringBuilder();
        builder.Append('/').Append(accountName).Append(EncodedPath(uri));
        IEnumerable<IGrouping<string, string>> parameters = QueryParameters(uri)
            .GroupBy(p => p.Key.ToLowerInvariant(), p => p.Value)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (IGrouping<string, string> parameter in parameters)
        {
            builder.Append('\n').Append(parameter.Key).Append(':')
                .Append(string.Join(',', parameter.OrderBy(v => v, StringComparer.Ordinal)));
        }

        return builder.ToString();
    }

    /// <summary><c>/{account}{path}</c>, plus <c>?comp=value</c> when the query has a comp parameter; no other parameters.</summary>
    public static string TableCanonicalizedResource(Uri uri, string accountName)
    {
        ArgumentNullException.ThrowIfNull(uri);
        string resource = "/" + accountName + EncodedPath(uri);
        KeyValuePair<string, string> comp = QueryParameters(uri)
            .FirstOrDefault(p => p.Key.Equals("comp", StringComparison.OrdinalIgnoreCase));
        return comp.Key is null ? resource : resource + "?comp=" + comp.Value;
    }

    /// <summary>Base64 of HMAC-SHA256 over the UTF-8 string-to-sign, keyed with the decoded account key.</summary>
    public static string Sign(string stringToSign, ReadOnlySpan<byte> accountKey) =>
        Convert.ToBase64String(HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(stringToSign)));

    private static string EncodedPath(Uri uri)
    {
        string path = uri.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped);
        return path.Length == 0 ? "/" : path;
    }

    private static IEnumerable<KeyValuePair<string, string>> QueryParameters(Uri uri)
    {
        string query = uri.GetComponents(UriComponents.Query, UriFormat.UriEscaped);
        foreach (string pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? pair : pair[..equals];
            string value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            yield return new(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value.Replace('+', ' ')));
        }
    }

    private static string Fold(string value) => Whitespace().Replace(value, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
