namespace Billing.Application.Security;

/// <summary>The result of checking a webhook signature header.</summary>
public enum SignatureVerdict
{
    Valid,
    Malformed,
    Stale,
    Mismatch,
}
