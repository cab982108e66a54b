namespace Billing.Storage.Connection;

/// <summary>A storage connection string that cannot be used; the message names the missing or malformed part, never the key.</summary>
public sealed class StorageConnectionStringException : FormatException
{
    public StorageConnectionStringException(string message)
        : base(message)
    {
    }
}
