namespace Billing.Domain.Dunning;

/// <summary>
/// One rung of the ladder: <see cref="Action"/> at the invoice's due time plus <see cref="AfterDueDays"/>
/// days of 24 hours (negative: before it is due).
/// </summary>
public sealed record DunningStep(int AfterDueDays, DunningAction Action)
{
    /// <summary>When the step is due for an invoice; never before the invoice exists.</summary>
    public DateTimeOffset DueFor(DateTimeOffset issuedAt, DateTimeOffset dueAt)
    {
        var at = dueAt + TimeSpan.FromHours(24L * AfterDueDays);
        return at < issuedAt ? issuedAt : at;
    }
}
