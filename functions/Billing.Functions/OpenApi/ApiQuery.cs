namespace Billing.Functions.OpenApi;

/// <summary>A query parameter: its name, what it means, whether it is required, and its JSON schema format (<c>date-time</c>, <c>int32</c>) if any.</summary>
public sealed record ApiQuery(string Name, string Description, bool Required = false, string? Format = null)
{
    /// <summary>The paging parameters of admin lists.</summary>
    public static IReadOnlyList<ApiQuery> Paging { get; } =
    [
        new("limit", "Page size, 1 to 1,000 (default 100).", Format: "int32"),
        new("continuationToken", "The token of the previous page."),
    ];
}
