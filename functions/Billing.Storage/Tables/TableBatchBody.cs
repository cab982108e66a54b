using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Billing.Storage.Http;

namespace Billing.Storage.Tables;

/// <summary>
/// The <c>$batch</c> wire format: a multipart/mixed batch holding one changeset, each operation an
/// application/http part with an absolute URL; and the reading of the batch response into per-operation
/// results or the failing operation's error.
/// </summary>
internal static class TableBatchBody
{
    public static (byte[] Body, string ContentType) Write(Uri tableUri, IReadOnlyList<TableTransactionAction> actions)
    {
        string batch = "batch_" + Guid.NewGuid().ToString("D");
        string changeset = "changeset_" + Guid.NewGuid().ToString("D");
        var text = new StringBuilder();
        text.Append("--").Append(batch).Append("\r\n");
        text.Append("Content-Type: multipart/mixed; boundary=").Append(changeset).Append("\r\n\r\n");

        for (int index = 0; index < actions.Count; index++)
        {
            TableTransactionAction action = actions[index];
            (string method, bool conditional, bool hasBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", false, true),
                TableTransactionActionType.UpdateMerge => ("MERGE", true, true),
                TableTransactionActionType.UpdateReplace => ("PUT", true, true),
                TableTransactionActionType.UpsertMerge => ("MERGE", false, true),
                TableTransactionActionType.UpsertReplace => ("PUT", false, true),
                TableTransactionActionType.Delete => ("DELETE", true, false),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown action type."),
            };
            Uri target = action.ActionType == TableTransactionActionType.Add
                ? tableUri
                : TableUris.Entity(tableUri, action.Entity.PartitionKey, action.Entity.RowKey);

            text.Append("--").Append(changeset).Append("\r\n");
            text.Append("Content-Type: application/http\r\n");
            text.Append("Content-Transfer-Encoding: binary\r\n\r\n");
            text.Append(method).Append(' ').Append(target.AbsoluteUri).Append(" HTTP/1.1\r\n");
            text.Append("Content-ID: ").Append((index + 1).ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            text.Append("Accept: application/json;odata=minimalmetadata\r\n");
            text.Append("DataServiceVersion: 3.0\r\n");
            if (conditional)
            {
                text.Append("If-Match: ").Append(action.IfMatch.ToString()).Append("\r\n");
            }

            if (hasBody)
            {
                text.Append("Content-Type: application/json\r\n");
                text.Append("Prefer: return-no-content\r\n\r\n");
                text.Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(action.Entity))).Append("\r\n");
            }
            else
            {
                text.Append("\r\n");
            }
        }

        text.Append("--").Append(changeset).Append("--\r\n");
        text.Append("--").Append(batch).Append("--\r\n");
        return (Encoding.UTF8.GetBytes(text.ToString()), "multipart/mixed; boundary=" + batch);
    }

    /// <summary>Per-operation results in order, or throws the first operation error the response carries.</summary>
    public static IReadOnlyList<TableTransactionResult> Read(string responseBody, string accountName)
    {
        var results = new List<TableTransactionResult>();
        string[] lines = responseBody.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
            {
                continue;
            }

            int status = int.Parse(lines[i].AsSpan(9, 3), CultureInfo.InvariantCulture);
            ETag etag = default;
            for (i++; i < lines.Length && lines[i].Length > 0; i++)
            {
                int colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && lines[i][..colon].Trim().Equals("ETag", StringComparison.OrdinalIgnoreCase))
                {
                    etag = new ETag(lines[i][(colon + 1)..].Trim());
                }
            }

            var body = new StringBuilder();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                body.Append(lines[i]).Append('\n');
            }

            i--;
            if (status >= 400)
            {
                throw Failure(status, body.ToString(), accountName);
            }

            results.Add(new TableTransactionResult(status, etag));
        }

        return results;
    }

    private static TableTransactionFailedException Failure(int status, string body, string accountName)
    {
        (string? code, string? message) = StorageErrorParser.ParseBody(BinaryData.FromString(body));
        message ??= string.Empty;
        int? index = null;
        int colon = message.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
        {
            index = parsed;
            message = message[(colon + 1)..];
        }

        string firstLine = message.Split('\n', 2)[0].Trim();
        return new TableTransactionFailedException(
            status,
            code,
            $"Table transaction on account '{accountName}' failed at action {index?.ToString(CultureInfo.InvariantCulture) ?? "?"}: {status} {code}: {firstLine}",
            index);
    }
}
