using System.Globalization;
using System.Text.Json;
using Billing.Application.Http;
using Billing.Workflows.Scenarios;
using Microsoft.DurableTask.Client;

namespace Billing.Application.Time;

/// <summary>
/// <c>GET /api/manage/clock</c> and <c>POST /api/manage/clock/advance {"to": "..."}</c>: read and move a simulated
/// clock (refused with 409 when the host runs on the system clock). Advancing answers when all the work it caused is done,
/// with <c>{"now", "failures": {"ok", "undeliveredEmails", "failedWorkflows", "poisonMessages"}}</c>: what failed and still
/// waits for a retry or an operator (<see cref="AdvanceFailures"/>); <c>ok</c> is true when nothing does. <c>to</c> is an
/// ISO 8601 instant with an offset inside the billing horizon, at most <see cref="MaxAdvance"/> ahead.
/// </summary>
public static class ClockAdminApi
{
    /// <summary>How far one advance may move the clock: five years of settlements are played within one request.</summary>
    public static readonly TimeSpan MaxAdvance = TimeSpan.FromDays(1826);

    /// <summary>The clock's time and whether it is simulated (on both clocks).</summary>
    public static IResult Read(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Results.Json(new { now = clock.GetUtcNow(), simulated = clock is SimulatedClock });
    }

    public static async Task<IResult> AdvanceAsync(HttpRequest request, TimeProvider clock, IServiceProvider services, DurableTaskClient client, CancellationToken ct)
    {
        if (clock is not SimulatedClock simulated)
        {
            return Problems.Conflict("the host runs on the system clock; start it with Billing__Clock=simulated to advance time");
        }

        var (body, refusal) = await RequestBody.ReadDocumentAsync(request, 4096, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        DateTimeOffset to;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("to", out var value) || value.ValueKind != JsonValueKind.String)
            {
                return Problems.Field("to", "required: an ISO 8601 instant with an offset");
            }

            if (!ScenarioTimestamp.TryParse(value.GetString()!, out to, out var problem))
            {
                return Problems.Field("to", problem);
            }
        }
        catch (JsonException)
        {
            return Problems.Field("$", "not valid JSON");
        }

        if (to < simulated.GetUtcNow())
        {
            return Problems.Field("to", "before the clock's current time; the simulated clock only moves forward");
        }

        if (to - simulated.GetUtcNow() > MaxAdvance)
        {
            // Each settlement instant on the way is played before the answer: decades would keep the request for hours.
            return Problems.Field("to", string.Create(CultureInfo.InvariantCulture, $"more than {MaxAdvance.TotalDays:N0} days after the clock's current time; advance in steps"));
        }

        // Emails whose retry is due go out with the work the advance drains.
        await services.GetRequiredService<Email.Retries.EmailRetrier>().RetryAsync(dueOnly: true, ct);
        var now = await services.GetRequiredService<ClockAdvancer>().AdvanceAsync(to, client, ct);
        return Results.Json(new { now, failures = await services.GetRequiredService<AdvanceFailures>().ReadAsync(client, ct) });
    }
}
