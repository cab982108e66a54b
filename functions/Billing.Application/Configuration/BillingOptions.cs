namespace Billing.Application.Configuration;

/// <summary>
/// The <c>Billing</c> configuration section (<c>Billing__AdminKey</c>, <c>Billing__IngestKeys__0</c>, ... in
/// <c>local.settings.json</c> Values or the environment). Keys and secrets are never logged. The timer functions'
/// schedules are settings of this section too, with their defaults in <see cref="TimerSchedules"/>.
/// </summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";

    /// <summary>The operators' key, sent as <c>x-admin-key</c>.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Bearer keys accepted by <c>POST /api/usage</c>; several at once so keys can be rotated.</summary>
    public List<string> IngestKeys { get; set; } = [];

    /// <summary>The secret of the <c>x-billing-signature</c> HMAC; signatures are refused when unset.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>Events older than this many days (by their <c>at</c>) are refused.</summary>
    public int MaxEventAgeDays { get; set; } = 35;

    /// <summary>How far ahead of the clock an event's <c>at</c> may be.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Partitions per customer, meter and day in the usage table.</summary>
    public int UsageShards { get; set; } = 4;

    /// <summary>The most events one <c>POST /api/usage</c> may carry.</summary>
    public int MaxEventsPerRequest { get; set; } = 1000;

    /// <summary>An hour above this many times the trailing 7-day hourly median raises a usage-spike alert.</summary>
    public decimal SpikeFactor { get; set; } = 5m;

    /// <summary>Hours after a period's end before it is settled, for usage still on its way (the scenario format's default: 2).</summary>
    public decimal LateArrivalGraceHours { get; set; } = 2m;

    /// <summary>The issuer whose gapless yearly sequence numbers the invoices.</summary>
    public string Issuer { get; set; } = "main";

    /// <summary>The invoice number pattern (<see cref="Domain.Invoicing.InvoiceNumberFormat"/>).</summary>
    public string InvoiceNumberFormat { get; set; } = "INV-{yyyy}-{seq:000000}";

    /// <summary><c>system</c> (default) or <c>simulated</c>: a clock that moves only through <c>POST /api/manage/clock/advance</c>.</summary>
    public string Clock { get; set; } = "system";

    /// <summary>True when <see cref="Clock"/> is <c>simulated</c>: settlement and dunning then follow the clock's advance, not a schedule.</summary>
    public bool SimulatedClock => string.Equals(Clock, "simulated", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where a simulated clock starts on first use.</summary>
    public DateTimeOffset? ClockStart { get; set; }

    /// <summary>Invoiced customers per batch activity of a settlement cycle orchestration (at least 1).</summary>
    public int SettlementBatchSize { get; set; } = Settlement.SettlementCycle.DefaultBatchSize;

    /// <summary>Recovery tests only: <c>numbering</c>, <c>rendering</c>, <c>email</c> or <c>batch</c> (a settlement cycle's batch settled, its result not yet recorded) kills the host once at that step.</summary>
    public string? CrashAfter { get; set; }

    /// <summary>Recovery tests only: <c>list</c> makes every attempt of a settlement cycle's list activity fail while the host runs with it.</summary>
    public string? FailAt { get; set; }

    /// <summary>Dunning ladders by customer <c>riskLevel</c>; customers without one follow the catalog's <c>dunning</c>.</summary>
    public Dictionary<string, List<DunningStepSetting>> DunningLadders { get; set; } = new(StringComparer.Ordinal);

    /// <summary>CSV column mappings of dropped usage files, by name (see <see cref="Imports.CsvMapping"/>).</summary>
    public Dictionary<string, Imports.CsvMapping> ImportMappings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How many dropped files one import run works on at once.</summary>
    public int ImportParallelism { get; set; } = 4;

    /// <summary>
    /// The largest dropped usage file imported, in bytes (default 64 MiB, about half a million events): a file is read
    /// whole into memory, and a run asked for over HTTP must finish within the request. A larger file stays in the drop
    /// folder, logged at every run, until it is split.
    /// </summary>
    public long ImportMaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How long an import claim holds without progress (a crashed host's file is taken over after it).</summary>
    public TimeSpan ImportLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the poisoned-messages gauge reuses its reading of the poison queues' counts (<see cref="Hosting.PoisonQueueGauge"/>).</summary>
    public TimeSpan PoisonQueueReadInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest request body accepted, in bytes.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}
