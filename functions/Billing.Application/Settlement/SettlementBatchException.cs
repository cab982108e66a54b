namespace Billing.Application.Settlement;

/// <summary>A settlement batch in which some customers failed (the others were settled); its message names each with the reason.</summary>
public sealed class SettlementBatchException(int index, IReadOnlyList<SettlementFailure> failures)
    : Exception($"Batch {index}: {failures.Count} customer(s) failed: " + string.Join("; ", failures.Select(f => $"{f.Customer}: {f.Reason}")))
{
    public IReadOnlyList<SettlementFailure> Failures { get; } = failures;
}
