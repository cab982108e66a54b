using Billing.Domain.Accounts;
using Billing.Domain.Catalog;

namespace Billing.Domain.Metering;

/// <summary>
/// Validates an arrived event against the catalog and the customers: known customer and meter, a readable
/// property, and an event time inside [<c>windowStart</c>, <c>windowEnd</c>) and not before the customer's start.
/// Duplicates are not judged here (that needs the record of what has been seen).
/// </summary>
public static class UsageValidation
{
    /// <summary>The metered event, or the reason it is rejected.</summary>
    public static (UsageEvent? Event, string? Reason) Validate(
        RawUsageEvent raw,
        ProductCatalog catalog,
        IReadOnlyDictionary<string, Customer> customers,
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return Validate(raw, customers.GetValueOrDefault(raw.Customer), catalog, windowStart, windowEnd);
    }

    /// <summary>
    /// The metered event, or the reason it is rejected, for a caller that has already looked up the event's
    /// customer (<paramref name="customer"/> null: unknown).
    /// </summary>
    public static (UsageEvent? Event, string? Reason) Validate(
        RawUsageEvent raw,
        Customer? customer,
        ProductCatalog catalog,
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(catalog);
        if (customer is null)
        {
            return (null, $"unknown customer '{raw.Customer}'");
        }

        if (!catalog.Meters.TryGetValue(raw.Meter, out var meter))
        {
            return (null, $"unknown meter '{raw.Meter}'");
        }

        if (raw.At < windowStart || raw.At >= windowEnd)
        {
            return (null, "event time outside the billing window");
        }

        if (raw.At < customer.StartsAt)
        {
            return (null, $"event time before customer '{customer.Id}' starts");
        }

        var reading = raw.Measured ?? MeterReading.Read(meter, raw.Properties);
        return reading.IsValid
            ? (new UsageEvent(raw.Id, raw.Customer, raw.Meter, raw.At, raw.ReceivedAt, reading.Quantity, reading.DistinctValue), null)
            : (null, reading.Error);
    }
}
