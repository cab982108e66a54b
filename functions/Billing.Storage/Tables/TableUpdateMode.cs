namespace Billing.Storage.Tables;

/// <summary>Merge keeps properties the written entity does not name; Replace drops them.</summary>
public enum TableUpdateMode
{
    Merge,
    Replace,
}
