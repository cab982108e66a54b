namespace Billing.Storage.Http;

/// <summary>The storage service a request goes to; as tagged on the storage metrics.</summary>
public enum StorageService
{
    Blob,
    Queue,
    Table,
}
