using System.Globalization;

namespace Billing.Application.Http;

/// <summary>Reads query-string parameters, answering a 400 problem naming the parameter when one is missing or malformed.</summary>
public static class QueryParameters
{
    public static (string? Value, IResult? Problem) Required(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        return value.Length == 0 ? (null, Problems.Field(name, "required")) : (value, null);
    }

    /// <summary>An ISO 8601 instant with an offset (<c>2026-01-01T00:00:00+08:00</c> or <c>...Z</c>).</summary>
    public static (DateTimeOffset Value, IResult? Problem) Instant(HttpRequest request, string name)
    {
        var (text, problem) = Required(request, name);
        if (problem is not null)
        {
            return (default, problem);
        }

        var hasOffset = text!.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            ? (value, null)
            : (default, Problems.Field(name, $"'{text}' is not an ISO 8601 timestamp with an offset"));
    }
}
