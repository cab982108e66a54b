namespace Billing.Application.Http;

/// <summary>
/// RFC 7807 problem details for every refusal: a title, the status, a detail sentence and, for input faults,
/// <c>errors</c> keyed by the offending field's JSON path (as ASP.NET's validation problems are).
/// </summary>
public static class Problems
{
    public static IResult Field(string field, string problem, int status = StatusCodes.Status400BadRequest) =>
        Results.Problem(
            title: status switch
            {
                StatusCodes.Status422UnprocessableEntity => "Unprocessable request",
                StatusCodes.Status409Conflict => "Conflict",
                _ => "Invalid request",
            },
            detail: $"{field}: {problem}",
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [problem] } });

    public static IResult Fields(IReadOnlyDictionary<string, string[]> errors, string detail, int status = StatusCodes.Status422UnprocessableEntity) =>
        Results.Problem(
            title: "Unprocessable request",
            detail: detail,
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    public static IResult Unauthorized(string detail) =>
        Results.Problem(title: "Unauthorized", detail: detail, statusCode: StatusCodes.Status401Unauthorized);

    public static IResult Forbidden(string detail) =>
        Results.Problem(title: "Forbidden", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    public static IResult NotFound(string detail) =>
        Results.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string detail) =>
        Results.Problem(title: "Conflict", detail: detail, statusCode: StatusCodes.Status409Conflict);
}
