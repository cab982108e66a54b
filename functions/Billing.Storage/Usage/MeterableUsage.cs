using Billing.Domain.Metering;

namespace Billing.Storage.Usage;

/// <summary>
/// A validated event ready to be metered: the event, the fingerprint of its content (to tell an identical
/// repeat from a conflicting one), the JSON as received (kept for drill-down and audit) and whether it
/// arrived after its period was settled.
/// </summary>
public sealed record MeterableUsage(UsageEvent Event, string Fingerprint, string Body, bool Late);
