using Billing.Application.Configuration;
using Billing.Application.Http;
using Billing.Application.Security;
using Microsoft.Extensions.Options;

namespace Billing.Application.Ingestion;

/// <summary>
/// <c>POST /api/usage</c>: one event or <c>{"events": [...]}</c>. 202 with queued/duplicates/rejected once the
/// accepted events are durably queued; 422 when no event could be accepted (problem details with <c>errors</c> by
/// field and the same <c>rejected</c> list); 400 for a malformed body, 401 for
/// missing or bad credentials, 413 over the size limit, 415 for another content type. Nothing is stored on a refusal.
/// </summary>
public static class IngestUsageApi
{
    public static async Task<IResult> RunAsync(
        HttpRequest request, UsageIntake intake, IngestAuthenticator authenticator, IOptions<BillingOptions> options, CancellationToken ct)
    {
        var (body, refusal) = await RequestBody.ReadJsonAsync(request, options.Value.MaxBodyBytes, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (await authenticator.RefusalAsync(request, body!, ct) is { } reason)
        {
            return Problems.Unauthorized(reason);
        }

        try
        {
            var result = await intake.IngestAsync(body!, ct);
            if (result.Queued == 0 && result.Duplicates == 0)
            {
                var errors = result.Rejected
                    .GroupBy(r => r.Field ?? "$", StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(r => r.Reason).ToArray(), StringComparer.Ordinal);
                return Results.Problem(
                    title: "Unprocessable request",
                    detail: string.Join("; ", result.Rejected.Select(r => $"{r.Field}: {r.Reason}")),
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    extensions: new Dictionary<string, object?> { ["errors"] = errors, ["rejected"] = result.Rejected });
            }

            return Results.Json(result, IngestionJson.Options, statusCode: StatusCodes.Status202Accepted);
        }
        catch (IntakeBodyException ex)
        {
            return Problems.Field(ex.Field, ex.Problem, ex.Status);
        }
    }
}
