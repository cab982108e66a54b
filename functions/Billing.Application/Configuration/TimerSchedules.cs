using NCrontab;

namespace Billing.Application.Configuration;

/// <summary>
/// The schedules of the timer functions: each function's trigger names an app setting (<c>%Billing:SettlementSchedule%</c>),
/// whose value is a 6-field NCrontab expression (seconds first; the only form Flex Consumption accepts), and this is
/// the one table of their defaults. A host without the setting runs the default; a setting that is set but
/// malformed is refused, naming it. Schedules are host time (system clock), never billing time.
/// </summary>
public static class TimerSchedules
{
    /// <summary>When settlement is requested for every invoiced customer: every 5 minutes.</summary>
    public const string Settlement = "Billing:SettlementSchedule";

    /// <summary>When recently active customers are checked for usage spikes: every minute.</summary>
    public const string SpikeScan = "Billing:SpikeScanSchedule";

    /// <summary>When accounts that received usage are checked for credit-limit and pack actions: every 30 seconds.</summary>
    public const string CollectionsScan = "Billing:CollectionsScanSchedule";

    /// <summary>When dropped usage files are imported: every minute.</summary>
    public const string Import = "Billing:ImportSchedule";

    /// <summary>When pending integration events are delivered to the webhooks and the Service Bus topic: every 5 seconds.</summary>
    public const string WebhookDispatch = "Billing:WebhookDispatchSchedule";

    /// <summary>When undelivered emails are retried: every 30 seconds.</summary>
    public const string EmailRetry = "Billing:EmailRetrySchedule";

    /// <summary>Each schedule setting's default (by setting name, <c>:</c>-separated as configuration reads it).</summary>
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [Settlement] = "0 */5 * * * *",
        [SpikeScan] = "0 * * * * *",
        [CollectionsScan] = "*/30 * * * * *",
        [Import] = "0 * * * * *",
        [WebhookDispatch] = "*/5 * * * * *",
        [EmailRetry] = "*/30 * * * * *",
    };

    /// <summary>Interval settings that are not read, by the schedule setting that takes their place.</summary>
    public static readonly IReadOnlyDictionary<string, string> Unread = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Billing:SpikeScanInterval"] = SpikeScan,
        ["Billing:CollectionsScanInterval"] = CollectionsScan,
        ["Billing:DispatchInterval"] = WebhookDispatch,
        ["Billing:EmailRetryInterval"] = EmailRetry,
    };

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> when <paramref name="configuration"/> sets one of the
    /// <see cref="Unread"/> interval settings, naming it and its schedule setting: a host must not start on a timing
    /// its operator believes is set but nothing reads.
    /// </summary>
    public static void RefuseUnreadIntervals(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach ((string interval, string schedule) in Unread)
        {
            if (configuration[interval] is { Length: > 0 } value)
            {
                throw new InvalidOperationException(
                    $"{interval.Replace(":", "__", StringComparison.Ordinal)} ('{value}') is not read: set {schedule.Replace(":", "__", StringComparison.Ordinal)} to a 6-field NCrontab expression instead (default \"{Defaults[schedule]}\").");
            }
        }
    }

    /// <summary>
    /// The schedule a timer trigger declares: <paramref name="declared"/> is an NCrontab expression, or <c>%setting%</c>
    /// read from <paramref name="configuration"/>, else from <see cref="Defaults"/>. Throws
    /// <see cref="InvalidOperationException"/> naming the setting when it is unset without a default, or malformed.
    /// </summary>
    public static TimerSchedule Resolve(string declared, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(configuration);
        string? setting = declared.Length > 2 && declared[0] == '%' && declared[^1] == '%' ? declared[1..^1] : null;
        string expression;
        if (setting is null)
        {
            expression = declared;
        }
        else if (configuration[setting] is { Length: > 0 } configured)
        {
            expression = configured;
        }
        else if (Defaults.TryGetValue(setting, out string? fallback))
        {
            expression = fallback;
        }
        else
        {
            throw new InvalidOperationException($"Timer schedule setting '{setting}' is not set and has no default.");
        }

        CrontabSchedule? schedule = CrontabSchedule.TryParse(expression.Trim(), new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        return schedule is null
            ? throw new InvalidOperationException(
                setting is null
                    ? $"Timer schedule '{expression}' is not a 6-field NCrontab expression (seconds first, e.g. \"0 */5 * * * *\")."
                    : $"Timer schedule setting '{setting}' ('{expression}') is not a 6-field NCrontab expression (seconds first, e.g. \"0 */5 * * * *\").")
            : new TimerSchedule(setting, expression.Trim(), schedule);
    }
}
