using Azure;

namespace Billing.Storage.Tables;

/// <summary>
/// The service's entity group transaction rules, checked before anything is sent (the emulator does not
/// enforce all of them): at least one and at most 100 operations, one PartitionKey, each RowKey once,
/// an ETag on every update and delete, and a request body under 4 MiB.
/// </summary>
internal static class TableTransactionValidator
{
    public const int MaxActions = 100;

    public const int MaxBodyBytes = 4 * 1024 * 1024;

    public static IReadOnlyList<TableTransactionAction> Validate(IEnumerable<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        List<TableTransactionAction> list = actions.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A table transaction needs at least one action.", nameof(actions));
        }

        if (list.Count > MaxActions)
        {
            throw new ArgumentException(
                $"A table transaction holds at most {MaxActions} actions; this one has {list.Count}.", nameof(actions));
        }

        string partitionKey = list[0].Entity.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (TableTransactionAction action in list)
        {
            ArgumentNullException.ThrowIfNull(action.Entity, nameof(actions));
            if (!string.Equals(action.Entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"A table transaction holds one partition; it mixes '{partitionKey}' and '{action.Entity.PartitionKey}'.", nameof(actions));
            }

            if (!rowKeys.Add(action.Entity.RowKey))
            {
                throw new ArgumentException(
                    $"A table transaction names each row once; RowKey '{action.Entity.RowKey}' appears twice.", nameof(actions));
            }

            if (action.NeedsETag && action.IfMatch == default)
            {
                throw new ArgumentException(
                    $"{action.ActionType} of RowKey '{action.Entity.RowKey}' needs an ETag; pass ETag.All to apply it regardless.", nameof(actions));
            }
        }

        return list;
    }

    public static void ValidateBodySize(long bodyBytes)
    {
        if (bodyBytes >= MaxBodyBytes)
        {
            throw new ArgumentException(
                $"A table transaction's body must stay under 4 MiB; this one is {bodyBytes:N0} bytes.", "actions");
        }
    }

    public static void RequireETag(ETag ifMatch, string operation)
    {
        if (ifMatch == default)
        {
            throw new ArgumentException($"{operation} needs an ETag; pass ETag.All to apply it regardless.", nameof(ifMatch));
        }
    }
}
