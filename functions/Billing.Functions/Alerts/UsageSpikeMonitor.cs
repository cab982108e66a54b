using System.Collections.Concurrent;
using System.Globalization;
using Billing.Domain.Alerts;
using Billing.Functions.Accounts;
using Billing.Storage.Alerts;
using Billing.Storage.Usage;

namespace Billing.Functions.Alerts;

/// <summary>
/// After a batch is metered, checks each customer, meter and local hour it touched against the
/// <see cref="UsageSpikeRule"/> (5× the trailing 7-day hourly median by default, <c>Billing:SpikeFactor</c>) and
/// records a <c>usage_spike</c> alert for operators once per customer, meter and hour. The baseline of an hour
/// is computed once per host and cached; the hour's own total is read from the aggregate rows.
/// </summary>
public sealed class UsageSpikeMonitor(TenantUsage usage, AlertStore alerts, UsageSpikeRule rule, TimeProvider clock)
{
    public const string Kind = "usage_spike";

    private readonly ConcurrentDictionary<(string Customer, string Meter, DateTimeOffset Hour), (decimal[] History, int Hours)> baselines = new();

    public async Task CheckAsync(IEnumerable<MeterableUsage> metered, CancellationToken ct)
    {
        var queries = await usage.QueriesAsync(ct);
        var calendar = (await usage.KeysAsync(ct)).Calendar;
        var touched = metered
            .Select(m => (m.Event.Customer, m.Event.Meter, Hour: HourStart(calendar, m.Event.At)))
            .Distinct()
            .ToList();
        foreach (var (customer, meter, hour) in touched)
        {
            var day = calendar.LocalDate(hour);
            var hourTotal = (await queries.HourlyAsync(customer, meter, day, day, ct))
                .Where(h => h.Start == hour)
                .Sum(h => h.Usage.Sum + h.Usage.LateSum);
            var (history, hours) = await BaselineAsync(queries, calendar, customer, meter, hour, ct);
            if (rule.IsSpike(hourTotal, history, hours))
            {
                var detail = string.Create(CultureInfo.InvariantCulture, $"{meter}: {hourTotal} in the hour from {hour:u}, over {rule.Factor}x the trailing median {rule.Median(history)}");
                await alerts.TryRecordAsync(new AlertRecord(customer, Kind, string.Create(CultureInfo.InvariantCulture, $"{meter}|{hour.UtcDateTime:yyyyMMddHH}"), clock.GetUtcNow(), detail), ct);
            }
        }

        if (baselines.Count > 100_000)
        {
            baselines.Clear();
        }
    }

    private async Task<(decimal[] History, int Hours)> BaselineAsync(UsageQueries queries, Domain.Periods.BillingCalendar calendar, string customer, string meter, DateTimeOffset hour, CancellationToken ct)
    {
        if (baselines.TryGetValue((customer, meter, hour), out var cached))
        {
            return cached;
        }

        var windowStart = hour.AddHours(-rule.TrailingHours);
        var points = (await queries.HourlyAsync(customer, meter, calendar.LocalDate(windowStart), calendar.LocalDate(hour), ct))
            .Where(p => p.Start >= windowStart && p.Start < hour)
            .ToList();
        var history = points.Select(p => p.Usage.Sum + p.Usage.LateSum).ToArray();
        var hours = points.Count == 0 ? 0 : (int)(hour - points.Min(p => p.Start)).TotalHours;
        var baseline = (history, hours);
        baselines[(customer, meter, hour)] = baseline;
        return baseline;
    }

    private static DateTimeOffset HourStart(Domain.Periods.BillingCalendar calendar, DateTimeOffset at)
    {
        var midnight = calendar.StartOfDay(calendar.LocalDate(at));
        return midnight.AddHours(Math.Floor((at - midnight).TotalHours));
    }
}
