using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Billing.Application.Hosting;

/// <summary>
/// The application's own telemetry, both named <see cref="Name"/>: an <see cref="ActivitySource"/> (spans for the
/// webhook's queueing, usage metering, settlement runs, invoice delivery and email sends) and a <see cref="Meter"/>
/// (usage events received, metered, rejected by reason; settlement duration; invoices issued; emails sent and failed
/// by kind). Poisoned messages are not counted here but observed where they wait, by <see cref="PoisonQueueGauge"/>
/// on a meter of the same name: the Functions host moves a failed message to its poison queue without telling the
/// worker, so a count of moves would exist in the local host only. Tags hold bounded values only (reasons, queues, kinds), never customer
/// ids or amounts.
/// </summary>
public static class BillingTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "BillingFunctions";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    /// <summary>Usage events that reached the webhook (or an import), whatever became of them.</summary>
    public static Counter<long> EventsReceived { get; } = Meter.CreateCounter<long>("billing.usage.events.received", "{event}", "Usage events received");

    /// <summary>Usage events stored by metering for the first time (repeats of a metered event are not counted).</summary>
    public static Counter<long> EventsMetered { get; } = Meter.CreateCounter<long>("billing.usage.events.metered", "{event}", "Usage events metered");

    /// <summary>Usage events refused, tagged <c>reason</c>: <c>invalid</c>, <c>conflict</c> (same id, other content) or <c>parked</c>.</summary>
    public static Counter<long> EventsRejected { get; } = Meter.CreateCounter<long>("billing.usage.events.rejected", "{event}", "Usage events rejected");

    /// <summary>How long one customer's settlement run took, in seconds.</summary>
    public static Histogram<double> SettlementDuration { get; } = Meter.CreateHistogram<double>("billing.settlement.duration", "s", "Settlement run duration per customer");

    /// <summary>Invoices numbered and stored, tagged <c>kind</c> (<c>usage</c> or <c>prepaid</c>).</summary>
    public static Counter<long> InvoicesIssued { get; } = Meter.CreateCounter<long>("billing.invoices.issued", "{invoice}", "Invoices issued");

    /// <summary>Emails handed to the provider, tagged <c>kind</c> (the message id's first segment, such as <c>invoice</c>).</summary>
    public static Counter<long> EmailsSent { get; } = Meter.CreateCounter<long>("billing.emails.sent", "{email}", "Emails sent");

    /// <summary>Emails the provider refused or could not take, tagged <c>kind</c>.</summary>
    public static Counter<long> EmailsFailed { get; } = Meter.CreateCounter<long>("billing.emails.failed", "{email}", "Emails that failed");

    public static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);

    /// <summary>The W3C <c>traceparent</c> of the current span, for a queue message to carry; null when none is recorded.</summary>
    public static string? TraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current && current.Recorded ? current.Id : null;

    /// <summary>
    /// Starts a consumer span for a queue message as a child of the <c>traceparent</c> it carries (same trace id), or of
    /// the current span when it carries none or an unreadable one.
    /// </summary>
    public static Activity? StartFromMessage(string name, string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent)
            ? Source.StartActivity(name, ActivityKind.Consumer, parent)
            : Source.StartActivity(name, ActivityKind.Consumer);

    /// <summary>
    /// Starts a span that begins a trace of its own (work that no caller's request stands behind, such as a durable
    /// timer firing), whatever span is current; null when nobody listens.
    /// </summary>
    public static Activity? StartRoot(string name)
    {
        var caller = Activity.Current;
        Activity.Current = null;
        var span = Source.StartActivity(name, ActivityKind.Internal);
        if (span is null)
        {
            Activity.Current = caller;
        }

        return span;
    }
}
