using Azure;

namespace Billing.Storage;

/// <summary>
/// Turns what the SDK clients throw into this code base's exception shapes: <see cref="StorageRequestFailedException"/>
/// with the status and service error code, <see cref="StorageAuthenticationException"/> for refused credentials.
/// The message names the operation and the resource; the SDK's exception (with the service's answer) is the inner one.
/// </summary>
internal static class StorageErrors
{
    public static StorageRequestFailedException From(RequestFailedException error, string accountName, string operation)
    {
        if (error is StorageRequestFailedException typed)
        {
            return typed;
        }

        if (error.Status == 403 && error.ErrorCode is null or StorageErrorCode.AuthenticationFailed or "AuthorizationFailure")
        {
            return new StorageAuthenticationException(accountName, error.ErrorCode, operation, error);
        }

        return new StorageRequestFailedException(
            error.Status, error.ErrorCode, $"{operation} failed: {error.Status} {error.ErrorCode ?? "(no error code)"}", error);
    }

    /// <summary>The error a response that the SDK accepted but this code base's contract refuses (a 404 delete) stands for.</summary>
    public static StorageRequestFailedException From(Response response, string operation)
    {
        string? code = response.Headers.TryGetValue("x-ms-error-code", out string? header) ? header : null;
        return new StorageRequestFailedException(response.Status, code, $"{operation} failed: {response.Status} {code ?? response.ReasonPhrase}");
    }
}
