using Azure;

namespace Billing.Storage.Http;

/// <summary>
/// An <see cref="AsyncPageable{T}"/> that fetches one page per continuation token until none is returned, as the
/// in-memory twins page. Enumerating it yields the items across all pages.
/// </summary>
internal sealed class DelegatingPageable<T> : AsyncPageable<T>
    where T : notnull
{
    private readonly Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage;

    public DelegatingPageable(Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        this.fetchPage = fetchPage;
    }

    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        string? token = continuationToken;
        do
        {
            Page<T> page = await fetchPage(token, pageSizeHint, CancellationToken).ConfigureAwait(false);
            yield return page;
            token = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(token));
    }
}
