namespace Billing.Application.Email.Retries;

/// <summary>What <see cref="EmailSendLedger.ClaimAsync"/> found for a message id.</summary>
public enum EmailSendClaim
{
    /// <summary>Nobody sent it, or a sender's claim ran out (it stopped before finishing): this caller sends it now.</summary>
    Claimed,

    /// <summary>Another caller claimed it and is sending it (its claim has not run out): this caller sends nothing.</summary>
    InFlight,

    /// <summary>Sent before: this caller sends nothing.</summary>
    Sent,

    /// <summary>Kept for retries when the provider did not take it (<see cref="UndeliveredEmailStore"/>): only the retries send it.</summary>
    Kept,
}
