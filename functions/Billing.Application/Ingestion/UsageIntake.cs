using System.Text.Json;
using Billing.Domain.Metering;
using Billing.Application.Accounts;
using Billing.Application.Configuration;
using Billing.Workflows.Scenarios;
using Microsoft.Extensions.Options;

namespace Billing.Application.Ingestion;

/// <summary>
/// The request side of usage ingestion: reads one event or <c>{"events": [...]}</c>, validates each event
/// (text that is valid Unicode and no property named twice, structure, known customer and meter, readable quantity, event time not older than
/// <see cref="BillingOptions.MaxEventAgeDays"/> nor ahead of the clock by more than
/// <see cref="BillingOptions.MaxClockSkew"/>, nothing Table Storage would refuse: <see cref="EventStorageRules"/>),
/// folds identical repeats within the request, and queues the
/// accepted events durably before answering. Whole-body faults throw <see cref="IntakeBodyException"/>.
/// </summary>
public sealed class UsageIntake(BillingDirectory directory, UsageBatchSender queue, IOptions<BillingOptions> options, TimeProvider clock)
{
    /// <summary>The longest value a unique-count meter counts (escaped, it stays well inside a row key).</summary>
    public const int MaxDistinctValueLength = 256;

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 16 };

    public async Task<IntakeResult> IngestAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        using var document = Parse(body);
        return await IngestElementsAsync(EventElements(document.RootElement), ct);
    }

    /// <summary>
    /// Validates and queues events given as JSON elements with the path to name in rejections (the webhook's
    /// <c>events[i]</c>, a file's <c>line N</c>); a rejection's index is the element's position in the list.
    /// </summary>
    public async Task<IntakeResult> IngestElementsAsync(IReadOnlyList<(JsonElement Element, string Path)> elements, CancellationToken ct)
    {
        var receivedAt = clock.GetUtcNow();
        var catalog = await directory.CatalogAsync(ct) ?? throw new IntakeBodyException("$", "no catalog has been published yet; PUT /api/manage/catalog first", 409);

        var accepted = new List<QueuedUsage>(elements.Count);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var rejected = new List<UsageRejection>();
        var duplicates = 0;
        for (var index = 0; index < elements.Count; index++)
        {
            var (element, path) = elements[index];
            if (Http.JsonTextCheck.FirstProblem(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element)) is { } textProblem)
            {
                // A property named twice (which one counts would be the parser's choice), or text that is not valid Unicode.
                var within = textProblem.Path == "$" ? string.Empty : textProblem.Path.StartsWith("$[", StringComparison.Ordinal) ? textProblem.Path[1..] : "." + textProblem.Path;
                rejected.Add(new UsageRejection(index, textProblem.Path == "id" ? null : IdOf(element), Field(path, within), textProblem.Problem));
                continue;
            }

            RawUsageEvent raw;
            try
            {
                raw = UsageEventReader.Read(element, path, receivedAt);
            }
            catch (ScenarioFormatException ex)
            {
                rejected.Add(new UsageRejection(index, IdOf(element), ex.Path, ex.Problem));
                continue;
            }

            if (ReceivedAtProblem(element) is { } receivedAtProblem)
            {
                rejected.Add(new UsageRejection(index, raw.Id, Field(path, ".receivedAt"), receivedAtProblem));
                continue;
            }

            if (seen.TryGetValue(raw.Id, out var earlier))
            {
                if (earlier == raw.Fingerprint)
                {
                    duplicates++;
                }
                else
                {
                    rejected.Add(new UsageRejection(index, raw.Id, Field(path, ".id"), "duplicate id with different content"));
                }

                continue;
            }

            seen[raw.Id] = raw.Fingerprint;
            var (usage, reason, field) = await ValidateAsync(raw, catalog, receivedAt, ct);
            if (usage is null)
            {
                rejected.Add(new UsageRejection(index, raw.Id, Field(path, field), reason!));
                continue;
            }

            if (StorageProblem(element, raw.Fingerprint, usage, catalog) is { } storage)
            {
                rejected.Add(new UsageRejection(index, raw.Id, Field(path, storage.Field), storage.Reason));
                continue;
            }

            accepted.Add(new QueuedUsage(usage.Id, usage.Customer, usage.Meter, usage.At, receivedAt, usage.Quantity, usage.DistinctValue, raw.Fingerprint));
        }

        if (accepted.Count > 0)
        {
            await queue.EnqueueAsync(accepted, ct);
        }

        Hosting.BillingTelemetry.EventsReceived.Add(elements.Count);
        if (rejected.Count > 0)
        {
            Hosting.BillingTelemetry.EventsRejected.Add(rejected.Count, Hosting.BillingTelemetry.Tag("reason", "invalid"));
        }

        return new IntakeResult(accepted.Count, duplicates, rejected);
    }

    private async Task<(UsageEvent? Usage, string? Reason, string Field)> ValidateAsync(RawUsageEvent raw, CatalogSnapshot catalog, DateTimeOffset now, CancellationToken ct)
    {
        var settings = options.Value;
        if (raw.At > now + settings.MaxClockSkew)
        {
            return (null, $"event time more than {settings.MaxClockSkew.TotalMinutes:0} minutes ahead of the clock", ".at");
        }

        if (raw.At < now.AddDays(-settings.MaxEventAgeDays))
        {
            return (null, $"event time older than {settings.MaxEventAgeDays} days", ".at");
        }

        var customer = await directory.CustomerAsync(raw.Customer, ct);
        var customers = customer is null
            ? new Dictionary<string, Domain.Accounts.Customer>(StringComparer.Ordinal)
            : new Dictionary<string, Domain.Accounts.Customer>(StringComparer.Ordinal) { [customer.Id] = customer };
        var (usage, reason) = UsageValidation.Validate(raw, catalog.Catalog, customers, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        return (usage, reason, FieldOf(reason));
    }

    /// <summary>
    /// What Table Storage would refuse (<see cref="EventStorageRules"/>), and a unique-count value longer than
    /// <see cref="MaxDistinctValueLength"/> (it becomes part of a row key, which holds at most 1,024 characters).
    /// </summary>
    private static (string Field, string Reason)? StorageProblem(JsonElement element, string storedJson, UsageEvent usage, CatalogSnapshot catalog)
    {
        if (EventStorageRules.Problem(element, storedJson) is { } problem)
        {
            return problem;
        }

        return usage.DistinctValue is { Length: > MaxDistinctValueLength } && catalog.Catalog.Meters[usage.Meter].Property is { } property
            ? (".properties." + property, $"a unique-count value is at most {MaxDistinctValueLength} characters")
            : null;
    }

    private static string FieldOf(string? reason) => reason switch
    {
        null => string.Empty,
        _ when reason.StartsWith("unknown customer", StringComparison.Ordinal) => ".customer",
        _ when reason.StartsWith("unknown meter", StringComparison.Ordinal) => ".meter",
        _ when reason.StartsWith("event time", StringComparison.Ordinal) => ".at",
        _ => ".properties",
    };

    /// <summary>The JSON path of a field of the event at <paramref name="path"/> (empty for a body that is one event).</summary>
    private static string Field(string path, string field) => path.Length == 0 ? (field.Length == 0 ? "$" : field.TrimStart('.')) : path + field;

    /// <summary>
    /// The sender's <c>receivedAt</c> is replaced by the time this request arrived, but it must still be what the
    /// scenario format says it is: absent, null, or an ISO 8601 timestamp with an offset.
    /// </summary>
    private static string? ReceivedAtProblem(JsonElement element)
    {
        if (!element.TryGetProperty("receivedAt", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return "must be a string";
        }

        return Billing.Workflows.Scenarios.ScenarioTimestamp.TryParse(value.GetString()!, out _, out var problem) ? null : problem;
    }

    private JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        // JsonDocument checks UTF-8 only when a string is read; refuse the whole body up front instead.
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            throw new IntakeBodyException("$", "not valid UTF-8");
        }

        try
        {
            return JsonDocument.Parse(body, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new IntakeBodyException("$", $"not valid JSON (line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1})");
        }
    }

    private List<(JsonElement Element, string Path)> EventElements(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new IntakeBodyException("$", "must be an event object or {\"events\": [...]}");
        }

        if (!root.TryGetProperty("events", out var events))
        {
            return [(root, string.Empty)];
        }

        if (events.ValueKind != JsonValueKind.Array)
        {
            throw new IntakeBodyException("events", "must be an array");
        }

        var count = events.GetArrayLength();
        if (count == 0)
        {
            throw new IntakeBodyException("events", "is empty");
        }

        if (count > options.Value.MaxEventsPerRequest)
        {
            throw new IntakeBodyException("events", $"has {count} events; at most {options.Value.MaxEventsPerRequest} per request");
        }

        return events.EnumerateArray().Select((e, i) => (e, $"events[{i}]")).ToList();
    }

    private static string? IdOf(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return id.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
