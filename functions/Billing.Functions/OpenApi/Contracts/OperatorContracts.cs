using System.ComponentModel;
using System.Text.Json;

namespace Billing.Functions.OpenApi.Contracts;

/// <summary>An admin list page: the items and the token of the next page (null after the last).</summary>
public sealed record Page(IReadOnlyList<JsonElement> Items, string? ContinuationToken);

/// <summary>The answer to <c>GET /api/manage/clock</c>.</summary>
public sealed record ClockReading(DateTimeOffset Now, bool Simulated);

/// <summary>The body of <c>POST /api/manage/clock/advance</c>.</summary>
public sealed record ClockAdvanceRequest([property: Description("The instant to move the simulated clock to (not before now).")] DateTimeOffset To);

/// <summary>The answer to a clock advance: the new time and what failed and still waits for a retry or an operator.</summary>
public sealed record ClockAdvanced(DateTimeOffset Now, AdvanceFailureCounts Failures);

/// <summary>What failed during an advance; <c>ok</c> when nothing did.</summary>
public sealed record AdvanceFailureCounts(
    bool Ok,
    [property: Description("Emails the provider refused or could not take, pending a retry.")] IReadOnlyList<JsonElement> UndeliveredEmails,
    IReadOnlyList<FailedWorkflow> FailedWorkflows,
    [property: Description("Poison queue name to its message count (only queues holding messages).")] IReadOnlyDictionary<string, int> PoisonMessages);

/// <summary>A Durable orchestration instance (settlement cycle or dunning) that failed, with its error.</summary>
public sealed record FailedWorkflow(string Id, string? Error);

/// <summary>The answer to a catalog publication: its version and whether this request created it.</summary>
public sealed record CatalogPublished(long Version, DateTimeOffset PublishedAt, bool Created);

/// <summary>The answer to a customer creation (201: the portal key, shown once) or update (200: the id).</summary>
public sealed record CustomerSaved(string Id, [property: Description("Only on creation; stored as a SHA-256 digest, never shown again.")] string? PortalKey = null);

/// <summary>The answer to a pack sale: the prepaid invoice's number once issued.</summary>
public sealed record PackSold(string Customer, string Pack, string? Invoice, string? Note);

/// <summary>The answer to retrying failed emails.</summary>
public sealed record EmailRetryOutcome(int Sent, int Failed);

/// <summary>The answer to a poison queue requeue.</summary>
public sealed record PoisonRequeued(int Requeued);

/// <summary>The answer to an import run: how many files were imported.</summary>
public sealed record ImportRun(int Imported);

/// <summary>The answer to an action on a Durable instance: its id, the action, and for a purge how many instances were purged.</summary>
public sealed record WorkflowActed(string Workflow, string Action, int? Purged);
