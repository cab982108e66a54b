using Azure.Core;
using Azure.Core.Pipeline;

namespace Billing.Storage.Tables;

/// <summary>
/// Refuses an entity group transaction (<c>POST .../$batch</c>) whose body is 4 MiB or more before it is sent, with an
/// <see cref="ArgumentException"/> (the service refuses it too; the emulator does not). Measures the body the SDK built,
/// so the limit is exact; a body whose length cannot be computed is let through.
/// </summary>
internal sealed class TransactionSizePolicy : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        Request request = message.Request;
        if (request.Method == RequestMethod.Post
            && request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal)
            && request.Content is { } content
            && content.TryComputeLength(out long length))
        {
            TableTransactionValidator.ValidateBodySize(length);
        }
    }
}
