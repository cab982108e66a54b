namespace Billing.Functions.OpenApi;

/// <summary>
/// What the OpenAPI document says of one HTTP function beyond its route and methods (which come from its
/// <c>[HttpTrigger]</c>): a summary, who may call it, its query parameters, body and answers. The answers to
/// missing credentials (401, 403, and 404 for customer data) and to a body of the wrong size or type (413, 415) are
/// added from <see cref="Access"/> and <see cref="Body"/>.
/// </summary>
public sealed record ApiOperation(string Summary, ApiAccess Access, IReadOnlyList<ApiAnswer> Answers)
{
    public IReadOnlyList<ApiQuery> Query { get; init; } = [];

    public ApiBody? Body { get; init; }
}
