namespace Billing.Storage.Auth;

/// <summary>The storage service a request goes to; Blob and Queue share one Shared Key scheme, Table has its own.</summary>
public enum StorageService
{
    Blob,
    Queue,
    Table,
}
