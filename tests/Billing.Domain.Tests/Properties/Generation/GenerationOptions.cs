namespace Billing.Domain.Tests.Properties.Generation;

/// <summary>
/// What kind of scenarios the generator makes. <see cref="MonotonePrices"/> keeps every price function
/// non-decreasing in quantity: volume tiers get non-decreasing unit prices (the other models are monotone
/// for non-negative prices anyway). <see cref="DistinctArrivals"/> gives every event, except exact
/// repeats, its own received instant, so that the document order of events carries no meaning.
/// </summary>
internal sealed record GenerationOptions(bool MonotonePrices = false, bool DistinctArrivals = true)
{
    public static GenerationOptions Default { get; } = new();

    public static GenerationOptions Monotone { get; } = new(MonotonePrices: true);
}
