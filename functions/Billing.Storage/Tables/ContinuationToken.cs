using System.Diagnostics.CodeAnalysis;

namespace Billing.Storage.Tables;

/// <summary>
/// A query continuation token: the service's next PartitionKey and optional next RowKey joined by a space
/// (the service's tokens never contain one), the same form as the official SDK's.
/// </summary>
internal static class ContinuationToken
{
    public static string? Format(string? nextPartitionKey, string? nextRowKey) =>
        string.IsNullOrEmpty(nextPartitionKey) ? null
        : string.IsNullOrEmpty(nextRowKey) ? nextPartitionKey
        : nextPartitionKey + " " + nextRowKey;

    public static bool TryParse(string? token, [NotNullWhen(true)] out string? nextPartitionKey, out string? nextRowKey)
    {
        nextPartitionKey = null;
        nextRowKey = null;
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        int space = token.IndexOf(' ', StringComparison.Ordinal);
        nextPartitionKey = space < 0 ? token : token[..space];
        nextRowKey = space < 0 ? null : token[(space + 1)..];
        return true;
    }
}
