using Billing.Workflows.Scenarios;

namespace Billing.Application.Http;

/// <summary>Reads query-string parameters, answering a 400 problem naming the parameter when one is missing or malformed.</summary>
public static class QueryParameters
{
    public static (string? Value, IResult? Problem) Required(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        return value.Length == 0 ? (null, Problems.Field(name, "required")) : (value, null);
    }

    /// <summary>
    /// An ISO 8601 instant with an offset (<c>2026-01-01T00:00:00+08:00</c> or <c>...Z</c>) inside the billing horizon, read
    /// as every instant a document names is (<see cref="ScenarioTimestamp"/>).
    /// </summary>
    public static (DateTimeOffset Value, IResult? Problem) Instant(HttpRequest request, string name)
    {
        var (text, problem) = Required(request, name);
        if (problem is not null)
        {
            return (default, problem);
        }

        return ScenarioTimestamp.TryParse(text!, out var value, out var why)
            ? (value, null)
            : (default, Problems.Field(name, why));
    }

    /// <summary>
    /// A window of two optional <see cref="Instant"/>s, <paramref name="fromName"/> and <paramref name="toName"/> (null when
    /// absent); a problem naming the malformed one, or <paramref name="toName"/> when it is before <paramref name="fromName"/>.
    /// </summary>
    public static (DateTimeOffset? From, DateTimeOffset? To, IResult? Problem) OptionalWindow(HttpRequest request, string fromName, string toName)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (from, fromProblem) = OptionalInstant(request, fromName);
        var (to, toProblem) = OptionalInstant(request, toName);
        return (fromProblem ?? toProblem) is { } problem ? (null, null, problem)
            : from > to ? (null, null, Problems.Field(toName, $"must not be before {fromName}"))
            : (from, to, null);
    }

    private static (DateTimeOffset? Value, IResult? Problem) OptionalInstant(HttpRequest request, string name)
    {
        if (!request.Query.ContainsKey(name))
        {
            return (null, null);
        }

        var (value, problem) = Instant(request, name);
        return problem is null ? (value, null) : (null, problem);
    }
}
