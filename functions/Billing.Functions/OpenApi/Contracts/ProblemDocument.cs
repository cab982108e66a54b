using System.ComponentModel;

namespace Billing.Functions.OpenApi.Contracts;

/// <summary>The RFC 7807 problem details every refusal answers (<c>application/problem+json</c>).</summary>
[Description("RFC 7807 problem details; input faults name the field (its JSON path) in errors.")]
public sealed record ProblemDocument(
    string Type,
    string Title,
    int Status,
    string? Detail = null,
    [property: Description("Each offending field's JSON path with what is wrong with it.")] IReadOnlyDictionary<string, string[]>? Errors = null);
