using System.Globalization;

namespace Billing.Application.Http;

/// <summary>
/// The paging parameters of admin lists: <c>limit</c> (1 to 1,000, default 100) and <c>continuationToken</c> (the
/// opaque token of the previous page, at most 1,024 characters without control characters). A list answers
/// <c>{"items": [...], "continuationToken": "..."}</c>; the token is null after the last page.
/// </summary>
public sealed record Paging(int Limit, string? ContinuationToken)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The request's paging, or a 400 problem naming the malformed parameter.</summary>
    public static (Paging? Paging, IResult? Problem) Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = DefaultLimit;
        var limitText = request.Query["limit"].ToString();
        if (limitText.Length > 0 && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return (null, Problems.Field("limit", $"must be a whole number from 1 to {MaxLimit}"));
        }

        var token = request.Query["continuationToken"].ToString();
        if (token.Length > 1024 || token.Any(char.IsControl))
        {
            return (null, Problems.Field("continuationToken", PageToken.NotOurs));
        }

        return (new Paging(limit, token.Length == 0 ? null : token), null);
    }

    /// <summary>
    /// The request's paging and where the list named <paramref name="list"/> goes on from (null: its first page, else what
    /// the request's <see cref="PageToken"/> names), or a 400 problem naming the malformed parameter (a token no page of
    /// that list gave among them).
    /// </summary>
    public static (Paging? Paging, string? Position, IResult? Problem) ReadFor(HttpRequest request, string list)
    {
        var (paging, problem) = Read(request);
        if (problem is not null)
        {
            return (null, null, problem);
        }

        if (paging!.ContinuationToken is not { } token)
        {
            return (paging, null, null);
        }

        return PageToken.Decode(list, token) is { } position
            ? (paging, position, null)
            : (null, null, Problems.Field("continuationToken", PageToken.NotOurs));
    }

    /// <summary>
    /// Reads pages through <paramref name="read"/> from <paramref name="position"/> until one holds items or the list ends,
    /// at most 20 reads: a filtered table query may answer empty pages before the last.
    /// </summary>
    public static async Task<(IReadOnlyList<T> Items, string? Next)> NonEmptyPageAsync<T>(Func<string?, Task<(IReadOnlyList<T> Items, string? Next)>> read, string? position)
    {
        ArgumentNullException.ThrowIfNull(read);
        var (items, next) = await read(position);
        for (var more = 0; items.Count == 0 && next is not null && more < 20; more++)
        {
            (items, next) = await read(next);
        }

        return (items, next);
    }
}
