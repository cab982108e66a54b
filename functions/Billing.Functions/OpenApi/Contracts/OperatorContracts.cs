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

/// <summary>A page of <c>GET /api/manage/emails/failed</c>.</summary>
public sealed record UndeliveredEmailPage(
    IReadOnlyList<UndeliveredEmailView> Items,
    [property: Description("The next page's token; null after the last page.")] string? ContinuationToken);

/// <summary>A page of <c>GET /api/manage/outbox</c>.</summary>
public sealed record OutboxPage(
    IReadOnlyList<Billing.Application.Email.OutboxEntry> Items,
    [property: Description("The next page's token; null after the last page.")] string? ContinuationToken);

/// <summary>A page of <c>GET /api/manage/imports</c>.</summary>
public sealed record ImportPage(
    IReadOnlyList<Billing.Application.Imports.ImportReport> Items,
    [property: Description("The next page's token; null after the last page.")] string? ContinuationToken);


/// <summary>
/// One entry of <c>GET /api/manage/workflows</c>: a Durable orchestration instance (settlement cycle or dunning: custom
/// status, created/updated, failure, output) or a customer's collections timeline (<c>collections/{customer}</c>, always
/// running, with its history); the fields of the other kind are absent.
/// </summary>
public sealed record WorkflowListing(
    string Id,
    [property: Description("The orchestration name (SettlementCycle, Dunning) or collections.")] string Type,
    [property: Description("pending, running, completed, failed, terminated or suspended.")] string Status,
    [property: Description("Durable: the progress or the next business instant the instance waits for.")] JsonElement? CustomStatus = null,
    [property: Description("Durable: when the instance was created (UTC).")] string? CreatedAt = null,
    [property: Description("Durable: when it last changed (UTC).")] string? LastUpdatedAt = null,
    [property: Description("Durable: why it failed.")] WorkflowFailure? Failure = null,
    [property: Description("Durable: the orchestration's output once it has finished.")] JsonElement? Output = null,
    [property: Description("Collections: the timeline's steps, oldest first.")] IReadOnlyList<WorkflowStepView>? History = null);

/// <summary>
/// A page of <c>GET /api/manage/workflows</c>: Durable instances first, then collections timelines; it may hold fewer
/// than <c>limit</c> before the last page.
/// </summary>
public sealed record WorkflowPage(
    IReadOnlyList<WorkflowListing> Items,
    [property: Description("The next page's token; null after the last page.")] string? ContinuationToken);

/// <summary>Why a Durable instance failed: the exception type and message.</summary>
public sealed record WorkflowFailure(string Type, string Message);

/// <summary>One step of a collections timeline: the action, when, and its detail.</summary>
public sealed record WorkflowStepView(string Step, string? At, string? Detail);
