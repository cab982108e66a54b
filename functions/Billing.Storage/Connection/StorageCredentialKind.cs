namespace Billing.Storage.Connection;

/// <summary>Which token credential an identity-based connection uses (its <c>__credential</c> setting).</summary>
public enum StorageCredentialKind
{
    /// <summary><c>DefaultAzureCredential</c>: environment, workload identity, managed identity, developer tools, in that order.</summary>
    Default,

    /// <summary><c>ManagedIdentityCredential</c>: the app's system-assigned identity, or the user-assigned one named by <c>__clientId</c>.</summary>
    ManagedIdentity,
}
