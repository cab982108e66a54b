using System.ComponentModel;
using Billing.Application.Hosting;
using Billing.Application.Ingestion;

namespace Billing.Functions.OpenApi.Contracts;

/// <summary>
/// The RFC 7807 problem details every refusal answers (<c>application/problem+json</c>), with the extensions some
/// refusals add: <c>errors</c> for input faults, <c>rejected</c> for usage nothing of which was queued,
/// <c>failures</c> and <c>checks</c> for readiness.
/// </summary>
[Description("RFC 7807 problem details; input faults name the field (its JSON path) in errors.")]
public sealed record ProblemDocument(
    string Type,
    string Title,
    int Status,
    string? Detail = null,
    [property: Description("The request's trace id.")] string? TraceId = null,
    [property: Description("Each offending field's JSON path with what is wrong with it.")] IReadOnlyDictionary<string, string[]>? Errors = null,
    [property: Description("POST /api/usage: the events refused at once.")] IReadOnlyList<UsageRejection>? Rejected = null,
    [property: Description("GET /api/health/ready: each resource missing or unreachable.")] IReadOnlyList<string>? Failures = null,
    [property: Description("GET /api/health/ready: what storage answered for each resource.")] ReadinessReport? Checks = null);
