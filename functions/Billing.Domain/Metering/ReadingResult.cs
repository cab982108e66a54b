namespace Billing.Domain.Metering;

/// <summary>What a meter read from an event: a quantity (and distinct value), or why it could not.</summary>
public readonly record struct ReadingResult(decimal Quantity, string? DistinctValue, string? Error)
{
    public bool IsValid => Error is null;

    public static ReadingResult Of(decimal quantity, string? distinct) => new(quantity, distinct, null);

    public static ReadingResult Fail(string reason) => new(0m, null, reason);
}
