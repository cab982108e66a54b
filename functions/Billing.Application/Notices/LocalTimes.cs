using System.Globalization;

namespace Billing.Application.Notices;

/// <summary>
/// Instants as people read them: in the catalog's IANA time zone, with the zone named, the same way the invoice
/// documents show dates (<c>2026-03-03 (Asia/Shanghai)</c>, <c>2026-02-20 10:00 (Asia/Shanghai)</c>). Seconds and
/// fractions are not shown.
/// </summary>
public static class LocalTimes
{
    public static string Date(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return $"{TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({zone.Id})";
    }

    public static string DateTime(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return $"{TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({zone.Id})";
    }
}
