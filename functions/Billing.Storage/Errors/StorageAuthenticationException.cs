namespace Billing.Storage;

/// <summary>
/// 403 <c>AuthenticationFailed</c> or <c>AuthorizationFailure</c>: the account refused the request's key or token.
/// Names the account so a wrong key or wrong account is recognisable from the message alone; never carries the key itself.
/// </summary>
public sealed class StorageAuthenticationException : StorageRequestFailedException
{
    public StorageAuthenticationException(string accountName, string? errorCode, string operation, Exception? innerException = null)
        : base(403, errorCode, Describe(accountName, errorCode, operation), innerException)
    {
        AccountName = accountName;
    }

    /// <summary>The storage account whose credentials were rejected.</summary>
    public string AccountName { get; }

    private static string Describe(string accountName, string? errorCode, string operation) =>
        $"Storage account '{accountName}' rejected the request's credentials (403 {errorCode ?? "AuthenticationFailed"}) for {operation}: "
        + "check the account key or the identity's role assignments.";
}
