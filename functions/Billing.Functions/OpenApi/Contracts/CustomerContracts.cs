using System.ComponentModel;
using System.Text.Json;

namespace Billing.Functions.OpenApi.Contracts;

/// <summary>
/// A customer as operators see it: the scenario-format customer document as last put (its fields are specified by
/// the scenario format), and when it was created and last changed. The portal key is never included.
/// </summary>
public sealed record CustomerView(
    string Id,
    [property: Description("The customer document as last put, specified by the shared scenario format (scenario-format.md).")] JsonElement Document,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A page of <c>GET /api/manage/customers</c> in id order and the token of the next page (null after the last).</summary>
public sealed record CustomerPage(IReadOnlyList<CustomerView> Items, string? ContinuationToken);

/// <summary>The answer to <c>GET /api/customers/{id}/status</c>, for API gateways; its ETag covers exactly these fields.</summary>
public sealed record CustomerServiceStatus(
    string Customer,
    [property: Description("active, throttled or suspended.")] string Status,
    [property: Description("Why the status was set; null while active from the start.")] string? Reason,
    [property: Description("When the status was set; null while active from the start.")] DateTimeOffset? Since);

/// <summary>One collection or alert action carried out, in the scenario format's timeline shape plus its detail.</summary>
public sealed record TimelineEntry(
    string Customer,
    DateTimeOffset At,
    [property: Description("reminder, throttle, backup, suspend, restore, an alert...")] string Action,
    [property: Description("The billing period it concerns, when it concerns one.")] string? Period,
    [property: Description("The pack it concerns, when it concerns one.")] string? Pack,
    string? Detail);

/// <summary>One raw usage event as stored: the metered quantity (a decimal string) and the event exactly as received.</summary>
public sealed record RawUsageEvent(
    string Id,
    string Customer,
    string Meter,
    DateTimeOffset At,
    DateTimeOffset ReceivedAt,
    [property: Description("The quantity the meter counted for this event (decimal string).")] string Quantity,
    [property: Description("True when it arrived after its period was settled (billed as late usage).")] bool Late,
    [property: Description("The event's JSON as received (see UsageEventRequest).")] JsonElement Event);

/// <summary>One backup taken before a suspension: its blob name, size in bytes and SHA-256 (hex) of the zip.</summary>
public sealed record BackupEntry(string Name, long? Size, string? Sha256, DateTimeOffset? CreatedOn);
