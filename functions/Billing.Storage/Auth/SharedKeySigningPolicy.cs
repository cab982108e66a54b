using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Billing.Storage.Auth;

/// <summary>
/// Stamps <c>x-ms-date</c> and a Shared Key (Blob, Queue) or Shared Key Lite (Table) <c>Authorization</c>
/// header on every attempt. It sits after the retry policy, so a retried request is dated and signed afresh.
/// </summary>
internal sealed class SharedKeySigningPolicy : HttpPipelineSynchronousPolicy
{
    private readonly StorageService service;
    private readonly string accountName;
    private readonly byte[] key;
    private readonly TimeProvider timeProvider;

    public SharedKeySigningPolicy(StorageService service, string accountName, string base64Key, TimeProvider timeProvider)
    {
        this.service = service;
        this.accountName = accountName;
        key = Convert.FromBase64String(base64Key);
        this.timeProvider = timeProvider;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Request request = message.Request;
        request.Headers.SetValue("x-ms-date", timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));

        long length = 0;
        if (request.Content is not null && !request.Content.TryComputeLength(out length))
        {
            throw new InvalidOperationException("Shared Key signing needs a request body of known length.");
        }

        var input = new SigningInput(
            request.Method.Method,
            request.Uri.ToUri(),
            request.Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).ToList(),
            length);

        string authorization = service == StorageService.Table
            ? $"SharedKeyLite {accountName}:{SharedKeyCanonicalizer.Sign(SharedKeyCanonicalizer.TableStringToSign(input, accountName), key)}"
            : $"SharedKey {accountName}:{SharedKeyCanonicalizer.Sign(SharedKeyCanonicalizer.BlobQueueStringToSign(input, accountName), key)}";
        request.Headers.SetValue("Authorization", authorization);
    }
}
