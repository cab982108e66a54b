namespace Billing.Workflows.Timeline;

/// <summary>What happened to a customer, as the scenario outcome and the customer timeline name it.</summary>
public static class TimelineAction
{
    public const string Remind = "remind";
    public const string Throttle = "throttle";
    public const string Backup = "backup";
    public const string Suspend = "suspend";
    public const string Restore = "restore";
    public const string CreditWarning = "credit_warning";
    public const string PackExpiring = "pack_expiring";
    public const string PackLow = "pack_low";
}
