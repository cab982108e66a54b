namespace Billing.Application.Email.Retries;

/// <summary>Where an email that failed once stands: still to be sent (retried in the background), or sent by a retry.</summary>
public enum UndeliveredEmailStatus
{
    Pending,
    Sent,
}
