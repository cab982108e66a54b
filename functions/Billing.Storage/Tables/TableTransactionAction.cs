using Azure;

namespace Billing.Storage.Tables;

/// <summary>
/// One operation of an entity group transaction. Update and Delete need <paramref name="IfMatch"/>
/// (an entity's ETag, or <see cref="ETag.All"/> to apply regardless); Add and Upsert ignore it.
/// </summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag IfMatch = default)
{
    internal bool NeedsETag => ActionType is TableTransactionActionType.UpdateMerge
        or TableTransactionActionType.UpdateReplace
        or TableTransactionActionType.Delete;
}
