namespace Billing.Benchmarks.Workload;

/// <summary>
/// The size of a generated engine workload: customers, months played, and usage events per customer per
/// month (across the three meters). <see cref="OutOfOrderEvery"/> and <see cref="LateEvery"/> make one
/// event in that many arrive after younger events (replayed deduction) or after its period was settled
/// (a late line); <see cref="RepeatEvery"/> re-sends one event in that many with identical content.
/// </summary>
internal sealed record WorkloadShape(
    int Customers = 1_000,
    int Months = 12,
    int EventsPerCustomerPerMonth = 1_000,
    int OutOfOrderEvery = 1_000,
    int LateEvery = 10_000,
    int RepeatEvery = 2_000)
{
    public long TotalEvents => (long)Customers * Months * EventsPerCustomerPerMonth;
}
