namespace Billing.Storage.Tables;

/// <summary>
/// The service refused one operation of an entity group transaction, so none of it was applied.
/// <see cref="FailedActionIndex"/> is the zero-based position of that operation in the submitted list.
/// </summary>
public sealed class TableTransactionFailedException : StorageRequestFailedException
{
    public TableTransactionFailedException(int status, string? errorCode, string message, int? failedActionIndex, Exception? innerException = null)
        : base(status, errorCode, message, innerException)
    {
        FailedActionIndex = failedActionIndex;
    }

    public int? FailedActionIndex { get; }
}
