using Billing.Domain.Dunning;

namespace Billing.Workflows.Dunning;

/// <summary>What starts an invoice's dunning ladder: the unpaid usage invoice, its customer's ladder, and when it was issued and is due.</summary>
public sealed record DunningLadderStart(string Customer, string InvoiceKey, string? Period, DunningPolicy Policy, DateTimeOffset IssuedAt, DateTimeOffset DueAt);
