using System.Collections.Concurrent;
using System.Globalization;
using Billing.Domain.Alerts;
using Billing.Domain.Periods;
using Billing.Application.Accounts;
using Billing.Storage.Alerts;
using Billing.Storage.Usage;

namespace Billing.Application.Alerts;

/// <summary>
/// Usage-spike alerts, kept off the metering path: metering only notes which customers and meters received
/// usage in the last hours (<see cref="Observe"/>); the spike timer (<c>Billing:SpikeScanSchedule</c>) periodically checks each
/// noted pair's hour of latest usage against the <see cref="UsageSpikeRule"/> (5× the trailing 7-day hourly median by
/// default, <c>Billing:SpikeFactor</c>), reading the trailing week's aggregate rows once per check, and records a
/// <c>usage_spike</c> alert for operators once per customer, meter and hour, and emails the customer. Backfilled usage of older hours raises
/// no alert: a spike is news about now.
/// </summary>
public sealed class UsageSpikeMonitor(TenantUsage usage, AlertStore alerts, UsageSpikeRule rule, BillingDirectory directory, Email.IEmailSender email, Microsoft.Extensions.Options.IOptions<Configuration.IssuerOptions> issuer, TimeProvider clock, Events.IntegrationEventPublisher events)
{
    public const string Kind = "usage_spike";

    private readonly ConcurrentDictionary<(string Customer, string Meter), DateTimeOffset> observed = new();

    /// <summary>Notes the customers and meters that received usage for a recent hour (the latest such usage).</summary>
    public void Observe(IEnumerable<MeterableUsage> metered)
    {
        var recent = clock.GetUtcNow().AddHours(-2);
        foreach (var item in metered)
        {
            if (item.Event.At >= recent)
            {
                observed.AddOrUpdate((item.Event.Customer, item.Event.Meter), item.Event.At, (_, seen) => seen > item.Event.At ? seen : item.Event.At);
            }
        }
    }

    /// <summary>Checks every pair noted since the last scan; returns how many it checked.</summary>
    public async Task<int> ScanAsync(CancellationToken ct)
    {
        var pairs = observed.ToList();
        if (pairs.Count == 0)
        {
            return 0;
        }

        var queries = await usage.QueriesAsync(ct);
        var calendar = (await usage.KeysAsync(ct)).Calendar;
        foreach (var ((customer, meter), latest) in pairs)
        {
            // The hour of the latest usage seen: an hour boundary passing before the scan does not hide it.
            observed.TryRemove(new KeyValuePair<(string, string), DateTimeOffset>((customer, meter), latest));
            var hour = HourStart(calendar, latest);
            var windowStart = hour.AddHours(-rule.TrailingHours);
            var totals = (await queries.HourlyAsync(customer, meter, calendar.LocalDate(windowStart), calendar.LocalDate(hour), ct))
                .GroupBy(p => p.Start)
                .ToDictionary(g => g.Key, g => g.Sum(p => p.Usage.Sum + p.Usage.LateSum));
            await CheckHourAsync(customer, meter, hour, totals, ct);
        }

        return pairs.Count;
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
            var key = string.Create(CultureInfo.InvariantCulture, $"{meter}|{hour.UtcDateTime:yyyyMMddHH}");
            var alert = new AlertRecord(customer, Kind, key, clock.GetUtcNow(), detail);
            await alerts.TryRecordAsync(alert, ct);
            await events.EmitAsync(Events.IntegrationEvent.AlertRaised(alert), ct);
            if (await directory.CustomerAsync(customer, ct) is { Email.Length: > 0 } recipient)
            {
                // One email per customer, meter and hour: the outbox keeps one per message id.
                await email.SendAsync(
                    new Email.EmailMessage
                    {
                        MessageId = $"{Kind}/{customer}/{key}",
                        From = new Email.EmailAddress(issuer.Value.Email, issuer.Value.Name),
                        To = [new Email.EmailAddress(recipient.Email, recipient.Name)],
                        Subject = $"Usage spike on {meter}",
                        TextBody = $"{recipient.Name}:\n\n{detail}.\n\n{issuer.Value.Name}",
                    },
                    ct);
            }
        }
    }

    private static DateTimeOffset HourStart(BillingCalendar calendar, DateTimeOffset at)
    {
        var midnight = calendar.StartOfDay(calendar.LocalDate(at));
        return midnight.AddHours(Math.Floor((at - midnight).TotalHours));
    }
}
