namespace Billing.Domain.Packs;

/// <summary>How a prepaid pack's quantity becomes usable over its validity.</summary>
public enum PackAllocationMode
{
    /// <summary>Split over the calendar months the validity touches.</summary>
    Monthly,

    /// <summary>The whole quantity usable from <c>validFrom</c>.</summary>
    Once,
}
