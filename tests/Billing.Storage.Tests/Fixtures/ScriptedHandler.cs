using System.Net;

namespace Billing.Storage.Tests.Fixtures;

/// <summary>
/// An HTTP handler that answers with scripted statuses (the last one repeats), records each request's headers,
/// and moves the fake clock on between attempts so a re-signed retry is visibly different.
/// </summary>
public sealed class ScriptedHandler(FakeTimeProvider clock, params HttpStatusCode[] statuses) : HttpMessageHandler
{
    private readonly List<RecordedRequest> requests = [];

    public IReadOnlyList<RecordedRequest> Requests => requests;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(',', h.Value), StringComparer.OrdinalIgnoreCase);
        requests.Add(new RecordedRequest(request.Method.Method, request.RequestUri!, headers));
        HttpStatusCode status = statuses[Math.Min(requests.Count - 1, statuses.Length - 1)];
        clock.Advance(TimeSpan.FromMinutes(1));
        var response = new HttpResponseMessage(status) { Content = new StringContent(string.Empty) };
        if ((int)status >= 500)
        {
            response.Headers.Add("x-ms-error-code", "ServerBusy");
        }

        return Task.FromResult(response);
    }

    public sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers);
}
