using System.ComponentModel;
using System.Text.Json;

namespace Billing.Functions.OpenApi.Contracts;

/// <summary>The answer to <c>GET /api/manage/clock</c>.</summary>
public sealed record ClockReading(DateTimeOffset Now, bool Simulated);

/// <summary>The body of <c>POST /api/manage/clock/advance</c>.</summary>
public sealed record ClockAdvanceRequest([property: Description("The instant to move the simulated clock to (not before now).")] DateTimeOffset To);

/// <summary>The answer to a clock advance: the new time and what failed and still waits for a retry or an operator.</summary>
public sealed record ClockAdvanced(DateTimeOffset Now, AdvanceFailureCounts Failures);

/// <summary>What failed during an advance; <c>ok</c> when nothing did.</summary>
public sealed record AdvanceFailureCounts(
    bool Ok,
    [property: Description("Emails the provider refused or could not take, pending a retry.")] IReadOnlyList<UndeliveredEmailView> UndeliveredEmails,
    IReadOnlyList<FailedWorkflow> FailedWorkflows,
    [property: Description("Poison queue name to its message count (only queues holding messages).")] IReadOnlyDictionary<string, int> PoisonMessages);

/// <summary>A settlement workflow instance that failed, with its error.</summary>
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

/// <summary>
/// The answer to a workflow retry: the poisoned settlement requests put back, and for a settlement instance its
/// status and the commands run, for a collections timeline the invoices issued by settling again.
/// </summary>
public sealed record WorkflowRetried(
    string Workflow,
    int Requeued,
    [property: Description("Collections: the numbers of the invoices issued.")] IReadOnlyList<string>? Issued = null,
    [property: Description("Settlement: running, completed or failed.")] string? Status = null,
    [property: Description("Settlement: how many pending commands were run.")] int? CommandsRun = null);

/// <summary>One published catalog version, with the catalog document as published.</summary>
public sealed record CatalogVersion(
    long Version,
    DateTimeOffset PublishedAt,
    [property: Description("The catalog, specified by the shared scenario format (scenario-format.md).")] JsonElement Catalog);

/// <summary>One message of a poison queue: its id, when it was first queued, and its text as queued.</summary>
public sealed record PoisonMessage(string Id, DateTimeOffset? InsertedOn, string Text);

/// <summary>One email the provider refused or could not take; <c>pending</c> ones are still to be sent.</summary>
public sealed record UndeliveredEmailView(
    string MessageId,
    [property: Description("What the email carries (its message kind, e.g. an invoice or a notice).")] string Kind,
    string To,
    string Subject,
    [property: Description("pending or sent.")] string Status,
    int Attempts,
    DateTimeOffset FirstFailedAt,
    DateTimeOffset LastAttemptAt,
    [property: Description("Null once sent.")] DateTimeOffset? NextAttemptAt,
    string LastError,
    [property: Description("True when the provider refused it for good (no automatic retry).")] bool Permanent,
    DateTimeOffset? SentAt);

/// <summary>
/// A workflow as operators see it: a settlement instance (status, history of transitions, error, pending commands,
/// set timers) or a customer's collections timeline (<c>collections/{customer}</c>, always running).
/// </summary>
public sealed record WorkflowInstanceView(
    string Id,
    [property: Description("settlement or collections.")] string Type,
    [property: Description("running, completed or failed.")] string Status,
    IReadOnlyList<WorkflowStepView> History,
    string? Error,
    IReadOnlyList<string> Pending,
    IReadOnlyList<string> Timers);

/// <summary>One transition of a workflow: the step, when, and its detail.</summary>
public sealed record WorkflowStepView(string Step, DateTimeOffset? At, string? Detail);
