namespace Billing.Storage;

/// <summary>
/// 403 <c>AuthenticationFailed</c>: the account refused the request's signature or token.
/// Names the account so a wrong key or wrong account is recognisable from the message alone;
/// never carries the key itself.
/// </summary>
public sealed class StorageAuthenticationException : StorageRequestFailedException
{
    public StorageAuthenticationException(string accountName, string? errorCode, string serviceMessage)
        : base(403, errorCode, Describe(accountName, errorCode, serviceMessage))
    {
        AccountName = accountName;
    }

    /// <summary>The storage account whose credentials were rejected.</summary>
    public string AccountName { get; }

    private static string Describe(string accountName, string? errorCode, string serviceMessage) =>
        $"Storage account '{accountName}' rejected the request's credentials (403 {errorCode ?? "AuthenticationFailed"}): "
        + $"check the account key or token configured for it. Service said: {serviceMessage}";
}
