namespace Billing.Workflows.Timeline;

/// <summary>
/// One collection or alert action on a customer's timeline. <see cref="Period"/> names the invoice period
/// (dunning) or the current period (credit limit); <see cref="Pack"/> the pack of a pack alert.
/// <see cref="Detail"/> is a human-readable note (not part of the scenario comparison).
/// </summary>
public sealed record TimelineEntry(string Customer, DateTimeOffset At, string Action, string? Period, string? Pack, string? Detail = null);
