namespace Billing.Storage;

/// <summary>
/// The service error codes this code base reacts to. Both the SDK-backed clients and the in-memory
/// twins report exactly these strings, so callers compare against the constants.
/// </summary>
public static class StorageErrorCode
{
    public const string AuthenticationFailed = nameof(AuthenticationFailed);
    public const string ResourceNotFound = nameof(ResourceNotFound);

    public const string TableNotFound = nameof(TableNotFound);
    public const string EntityNotFound = nameof(EntityNotFound);
    public const string EntityAlreadyExists = nameof(EntityAlreadyExists);
    public const string UpdateConditionNotSatisfied = nameof(UpdateConditionNotSatisfied);

    public const string ContainerNotFound = nameof(ContainerNotFound);
    public const string BlobNotFound = nameof(BlobNotFound);
    public const string BlobAlreadyExists = nameof(BlobAlreadyExists);
    public const string ConditionNotMet = nameof(ConditionNotMet);
    public const string LeaseAlreadyPresent = nameof(LeaseAlreadyPresent);

    public const string QueueNotFound = nameof(QueueNotFound);
    public const string MessageNotFound = nameof(MessageNotFound);
    public const string PopReceiptMismatch = nameof(PopReceiptMismatch);
}
