namespace Billing.Storage.Tables;

/// <summary>The operations an entity group transaction may hold, as in the official SDK.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails with 409 when the row exists.</summary>
    Add,

    /// <summary>Update with If-Match, merging properties.</summary>
    UpdateMerge,

    /// <summary>Update with If-Match, replacing properties.</summary>
    UpdateReplace,

    /// <summary>Delete with If-Match.</summary>
    Delete,

    /// <summary>Insert or merge, unconditionally.</summary>
    UpsertMerge,

    /// <summary>Insert or replace, unconditionally.</summary>
    UpsertReplace,
}
