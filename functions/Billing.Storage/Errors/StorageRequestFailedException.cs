using Azure;

namespace Billing.Storage;

/// <summary>
/// A storage request the service (or an in-memory twin) refused, with the HTTP status and the
/// service error code (for example 409 <c>EntityAlreadyExists</c>, 412 <c>UpdateConditionNotSatisfied</c>).
/// Derives from <see cref="RequestFailedException"/> so callers written against the official SDK keep working.
/// </summary>
public class StorageRequestFailedException : RequestFailedException
{
    public StorageRequestFailedException(int status, string? errorCode, string message, Exception? innerException = null)
        : base(status, message, errorCode, innerException)
    {
    }

    /// <summary>409: the resource (entity, blob, queue) already exists or the write conflicts.</summary>
    public bool IsConflict => Status == 409;

    /// <summary>412: an If-Match / If-None-Match condition was not met.</summary>
    public bool IsPreconditionFailed => Status == 412;

    /// <summary>404: the table, entity, container, blob, queue or message does not exist.</summary>
    public bool IsNotFound => Status == 404;
}
