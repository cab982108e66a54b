namespace Billing.Workflows.Settlement;

/// <summary>
/// Where the settlement of one customer's period stands: the invoice numbers it issued (with any earlier period
/// still unsettled when it ran), how many dunning timers are still set, and whether its invoice has been paid.
/// </summary>
public sealed record SettlementWorkflowState(string Customer, string Period, string Step, IReadOnlyList<string> Invoices, int TimersLeft, bool Paid);
