using Azure;

namespace Billing.Storage.Http;

/// <summary>Reads one page of a listing, as the admin lists page: the page's items and the token of the next page.</summary>
public static class PageReading
{
    /// <summary>
    /// The page of <paramref name="pageable"/> that <paramref name="continuationToken"/> names (null: the first), at most
    /// <paramref name="pageSize"/> items, and the next page's token: null after the last (an empty token counts as none).
    /// </summary>
    public static async Task<(IReadOnlyList<T> Items, string? ContinuationToken)> PageAsync<T>(this AsyncPageable<T> pageable, string? continuationToken, int pageSize)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(pageable);
        await foreach (var page in pageable.AsPages(continuationToken, pageSize))
        {
            return (page.Values, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return ([], null);
    }
}
