using Billing.Domain.Periods;

namespace Billing.Application.Settlement;

/// <summary>
/// Late usage as the difference between what is metered now for an already settled hour (or day, for distinct
/// values) and what the settlements so far billed for it: more quantity or events, a higher maximum, new
/// distinct values. Only positive differences exist: metered usage never shrinks. Single events of meters priced
/// per event are late when no settlement read their id.
/// </summary>
public static class LateUsageDiff
{
    public static List<UsageBucket> Compute(IEnumerable<UsageBucket> current, IEnumerable<UsageBucket> billed, BillingCalendar calendar)
    {
        var billedList = billed.ToList();
        var billedIds = billedList.Where(b => b.Id is not null).Select(b => (b.Customer, b.Meter, b.Id!)).ToHashSet();
        var currentList = current.ToList();
        var late = currentList.Where(b => b.Id is not null && !billedIds.Contains((b.Customer, b.Meter, b.Id))).ToList();
        var billedByHour = billedList.Where(b => b.Id is null).GroupBy(b => Key(b, calendar)).ToDictionary(g => g.Key, Combine);
        foreach (var group in currentList.Where(b => b.Id is null).GroupBy(b => Key(b, calendar)))
        {
            var now = Combine(group);
            if (!billedByHour.TryGetValue(group.Key, out var before))
            {
                late.Add(now);
                continue;
            }

            var newValues = now.Distinct?.Except(before.Distinct ?? [], StringComparer.Ordinal).ToList();
            var diff = new UsageBucket(
                now.Customer,
                now.Meter,
                now.Start,
                now.Sum - before.Sum,
                now.Count - before.Count,
                now.Max > before.Max ? now.Max : 0m,
                newValues is { Count: > 0 } ? newValues : null);
            if (diff.Sum > 0m || diff.Count > 0 || diff.Max > 0m || diff.Distinct is not null)
            {
                late.Add(diff);
            }
        }

        return late;
    }

    private static (string Customer, string Meter, DateTimeOffset Hour) Key(UsageBucket bucket, BillingCalendar calendar)
    {
        var midnight = calendar.StartOfDay(calendar.LocalDate(bucket.Start));
        var hour = midnight.AddHours(Math.Floor((bucket.Start - midnight).TotalHours));
        return (bucket.Customer, bucket.Meter, bucket.Distinct is null ? hour : midnight);
    }

    private static UsageBucket Combine(IEnumerable<UsageBucket> buckets)
    {
        var list = buckets.ToList();
        var distinct = list.Any(b => b.Distinct is not null)
            ? list.SelectMany(b => b.Distinct ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            : null;
        return new UsageBucket(list[0].Customer, list[0].Meter, list.Min(b => b.Start), list.Sum(b => b.Sum), list.Sum(b => b.Count), list.Max(b => b.Max), distinct);
    }
}
