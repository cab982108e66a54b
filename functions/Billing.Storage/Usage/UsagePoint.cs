namespace Billing.Storage.Usage;

/// <summary>One local hour of one meter, summed over the shards of its day.</summary>
public sealed record HourlyUsagePoint(DateOnly Day, int Hour, DateTimeOffset Start, HourlyUsage Usage);
