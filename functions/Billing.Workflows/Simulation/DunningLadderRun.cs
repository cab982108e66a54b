using Billing.Workflows.Dunning;

namespace Billing.Workflows.Simulation;

/// <summary>
/// Where the dunning ladder of one unpaid usage invoice stands at the end of a scenario run: its instance id
/// (<c>{customer}/{invoice key}</c>, as the service names the invoice's dunning), its state, whether it completed (the
/// invoice was paid in full) and what happened to it in order (<c>started</c>, <c>step {n} {action}</c>,
/// <c>plan-agreed</c>, <c>resumed</c>, <c>paid</c>; stale timers are not listed).
/// </summary>
public sealed record DunningLadderRun(string InstanceId, DunningState State, bool Completed, IReadOnlyList<string> History);
