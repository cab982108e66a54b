using System.Net;
using Azure.Core;

namespace Billing.Storage.Http;

/// <summary>
/// What a storage request touches and does, for the metrics' <c>storage.resource</c> and <c>storage.operation</c>
/// tags: the resource is the table, queue or blob container name (the service's fixed set; never a key, message or
/// blob name), <c>$batch</c> for an entity group transaction, or empty for an account-level call; the operation is
/// one of a few words per service (table: <c>point-read</c>, <c>query</c>, <c>insert</c>, <c>update</c>,
/// <c>delete</c>, <c>transaction</c>, <c>create</c>; queue: <c>receive</c>, <c>peek</c>, <c>send</c>,
/// <c>update</c>, <c>delete</c>, <c>metadata</c>, <c>create</c>; blob: <c>read</c>, <c>properties</c>,
/// <c>write</c>, <c>lease</c>, <c>list</c>, <c>metadata</c>, <c>delete</c>, <c>create</c>). Path-style addresses
/// (Azurite, an IP or <c>localhost</c> host) carry the account name first, which is skipped.
/// </summary>
public readonly record struct StorageRequestKind(string Resource, string Operation)
{
    public static StorageRequestKind Of(StorageService service, RequestMethod method, Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        string[] segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        bool pathStyle = IPAddress.TryParse(uri.Host, out _) || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase);
        string[] path = pathStyle && segments.Length > 0 ? segments[1..] : segments;
        string query = uri.Query;
        string verb = method.Method;
        return service switch
        {
            StorageService.Table => Table(path, verb),
            StorageService.Queue => Queue(path, verb, query),
            _ => Blob(path, verb, query),
        };
    }

    private static StorageRequestKind Table(string[] path, string verb)
    {
        string first = path.Length > 0 ? path[0] : "";
        if (first == "$batch")
        {
            return new("$batch", "transaction");
        }

        int paren = first.IndexOf('(', StringComparison.Ordinal);
        string table = paren >= 0 ? first[..paren] : first;
        bool keyed = paren >= 0 && first.Length > paren + 2;
        if (table.Equals("Tables", StringComparison.OrdinalIgnoreCase))
        {
            return new("", verb == "POST" ? "create" : verb == "DELETE" ? "delete" : "query");
        }

        return verb switch
        {
            "GET" => new(table, keyed ? "point-read" : "query"),
            "POST" => new(table, "insert"),
            "DELETE" => new(table, "delete"),
            _ => new(table, "update"),
        };
    }

    private static StorageRequestKind Queue(string[] path, string verb, string query)
    {
        string queue = path.Length > 0 ? path[0] : "";
        bool messages = path.Length > 1 && path[1] == "messages";
        if (!messages)
        {
            return new(queue, verb == "PUT" && !query.Contains("comp=metadata", StringComparison.Ordinal) ? "create" : verb == "DELETE" ? "delete" : "metadata");
        }

        return verb switch
        {
            "GET" => new(queue, query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) ? "peek" : "receive"),
            "POST" => new(queue, "send"),
            "PUT" => new(queue, "update"),
            _ => new(queue, "delete"),
        };
    }

    private static StorageRequestKind Blob(string[] path, string verb, string query)
    {
        string container = path.Length > 0 ? path[0] : "";
        bool containerLevel = path.Length <= 1;
        if (query.Contains("comp=list", StringComparison.Ordinal))
        {
            return new(container, "list");
        }

        if (query.Contains("comp=lease", StringComparison.Ordinal))
        {
            return new(container, "lease");
        }

        if (query.Contains("comp=metadata", StringComparison.Ordinal))
        {
            return new(container, "metadata");
        }

        return verb switch
        {
            "GET" => new(container, containerLevel ? "properties" : "read"),
            "HEAD" => new(container, "properties"),
            "PUT" => new(container, containerLevel ? "create" : "write"),
            "DELETE" => new(container, "delete"),
            _ => new(container, "write"),
        };
    }
}
