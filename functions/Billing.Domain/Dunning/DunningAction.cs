namespace Billing.Domain.Dunning;

/// <summary>A step of the dunning ladder.</summary>
public enum DunningAction
{
    /// <summary>Email the customer about the unpaid invoice.</summary>
    Remind,

    /// <summary>Limit the customer's service (rate limit at the gateway).</summary>
    Throttle,

    /// <summary>Export the customer's data before a suspension.</summary>
    Backup,

    /// <summary>Stop the customer's service.</summary>
    Suspend,
}
