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
            : (default, Problems.Field(name, $"'{text}': {why}"));
    }

    /// <summary>An optional <see cref="Instant"/>: null when the parameter is absent.</summary>
    public static (DateTimeOffset? Value, IResult? Problem) OptionalInstant(HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Query.ContainsKey(name))
        {
            return (null, null);
        }

        var (value, problem) = Instant(request, name);
        return problem is null ? (value, null) : (null, problem);
    }
}
