using Azure.Core;
using Azure.Core.Pipeline;

namespace Billing.Storage.Tests.Fixtures;

/// <summary>Counts the requests a client sends (once per call, before retries), to prove a refusal sent nothing.</summary>
public sealed class CountingPolicy : HttpPipelineSynchronousPolicy
{
    private long count;

    public long Count => Interlocked.Read(ref count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref count);
}
