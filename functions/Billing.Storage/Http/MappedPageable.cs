using Azure;

namespace Billing.Storage.Http;

/// <summary>
/// An SDK <see cref="AsyncPageable{T}"/> seen through a conversion of each item: same pages, same continuation tokens,
/// same raw responses; a <see cref="RequestFailedException"/> while fetching a page becomes this code base's exception.
/// </summary>
internal sealed class MappedPageable<TSource, TResult>(
    AsyncPageable<TSource> source,
    Func<TSource, TResult> map,
    Func<RequestFailedException, Exception> failed,
    CancellationToken cancellationToken) : AsyncPageable<TResult>(cancellationToken)
    where TSource : notnull
    where TResult : notnull
{
    public override async IAsyncEnumerable<Page<TResult>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        await using IAsyncEnumerator<Page<TSource>> pages = source.AsPages(continuationToken, pageSizeHint).GetAsyncEnumerator(CancellationToken);
        while (true)
        {
            Page<TSource> page;
            try
            {
                if (!await pages.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }

                page = pages.Current;
            }
            catch (RequestFailedException e)
            {
                throw failed(e);
            }

            yield return Page<TResult>.FromValues(page.Values.Select(map).ToList(), page.ContinuationToken, page.GetRawResponse());
        }
    }
}
