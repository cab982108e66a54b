using System.Collections.Concurrent;
using System.Globalization;
using Billing.Domain.Alerts;
using Billing.Domain.Periods;
using Billing.Functions.Accounts;
using Billing.Storage.Alerts;
using Billing.Storage.Usage;

namespace Billing.Functions.Alerts;

/// <summary>
/// After a batch is metered, checks the current local hour (and the one before, for batches crossing the hour)
/// of each customer and meter it touched against the <see cref="UsageSpikeRule"/> (5× the trailing 7-day hourly
/// median by default, <c>Billing:SpikeFactor</c>), and records a <c>usage_spike</c> alert for operators once per
/// customer, meter and hour. Backfilled usage of older hours raises no alert: a spike is news about now.
/// One customer and meter is checked at most every <see cref="CheckInterval"/> per host, reading the trailing
/// week's aggregate rows once per check.
/// </summary>
public sealed class UsageSpikeMonitor(TenantUsage usage, AlertStore alerts, UsageSpikeRule rule, TimeProvider clock)
{
    public const string Kind = "usage_spike";

    public static TimeSpan CheckInterval { get; } = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string Customer, string Meter), DateTimeOffset> lastChecked = new();

    public async Task CheckAsync(IEnumerable<MeterableUsage> metered, CancellationToken ct)
    {
        var queries = await usage.QueriesAsync(ct);
        var calendar = (await usage.KeysAsync(ct)).Calendar;
        var now = clock.GetUtcNow();
        var recent = HourStart(calendar, now).AddHours(-1);
        var touched = metered
            .Select(m => (m.Event.Customer, m.Event.Meter, Hour: HourStart(calendar, m.Event.At)))
            .Where(t => t.Hour >= recent)
            .GroupBy(t => (t.Customer, t.Meter));
        foreach (var group in touched)
        {
            if (lastChecked.TryGetValue(group.Key, out var last) && now - last < CheckInterval)
            {
                continue;
            }

            lastChecked[group.Key] = now;
            var hours = group.Select(t => t.Hour).Distinct().ToList();
            var windowStart = hours.Min().AddHours(-rule.TrailingHours);
            var totals = (await queries.HourlyAsync(group.Key.Customer, group.Key.Meter, calendar.LocalDate(windowStart), calendar.LocalDate(hours.Max()), ct))
                .GroupBy(p => p.Start)
                .ToDictionary(g => g.Key, g => g.Sum(p => p.Usage.Sum + p.Usage.LateSum));
            foreach (var hour in hours)
            {
                await CheckHourAsync(group.Key.Customer, group.Key.Meter, hour, totals, ct);
            }
        }

        if (lastChecked.Count > 100_000)
        {
            lastChecked.Clear();
        }
    }

    private async Task CheckHourAsync(string customer, string meter, DateTimeOffset hour, Dictionary<DateTimeOffset, decimal> totals, CancellationToken ct)
    {
        var windowStart = hour.AddHours(-rule.TrailingHours);
        var history = totals.Where(t => t.Key >= windowStart && t.Key < hour).ToList();
        var hoursOfHistory = history.Count == 0 ? 0 : (int)(hour - history.Min(t => t.Key)).TotalHours;
        var trailing = history.Select(t => t.Value).ToList();
        var hourTotal = totals.GetValueOrDefault(hour);
        if (rule.IsSpike(hourTotal, trailing, hoursOfHistory))
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"{meter}: {hourTotal} in the hour from {hour:u}, over {rule.Factor}x the trailing median {rule.Median(trailing)}");
            await alerts.TryRecordAsync(new AlertRecord(customer, Kind, string.Create(CultureInfo.InvariantCulture, $"{meter}|{hour.UtcDateTime:yyyyMMddHH}"), clock.GetUtcNow(), detail), ct);
        }
    }

    private static DateTimeOffset HourStart(BillingCalendar calendar, DateTimeOffset at)
    {
        var midnight = calendar.StartOfDay(calendar.LocalDate(at));
        return midnight.AddHours(Math.Floor((at - midnight).TotalHours));
    }
}
