using Billing.Application.Configuration;
using Billing.Storage;
using Billing.Storage.Tables;
using Microsoft.Extensions.Options;

namespace Billing.Application.Security;

/// <summary>
/// Authenticates a usage webhook: <c>Authorization: Bearer &lt;ingest key&gt;</c> (any of
/// <c>Billing:IngestKeys</c>) or a valid <c>x-billing-signature</c> over the exact body, whose timestamp is within
/// five minutes and which has not been used before (each signature is claimed once in the
/// <c>webhooksignatures</c> table, so a captured request cannot be replayed). Returns null when accepted,
/// otherwise the reason for a 401.
/// </summary>
public sealed class IngestAuthenticator(IOptions<BillingOptions> options, IStorageAccount storage, TimeProvider clock)
{
    public const string SignaturesTable = "webhooksignatures";

    public async Task<string?> RefusalAsync(HttpRequest request, byte[] body, CancellationToken ct)
    {
        var settings = options.Value;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            const string scheme = "Bearer ";
            if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return "Authorization must use the Bearer scheme";
            }

            var keys = settings.IngestKeys.Where(k => !string.IsNullOrEmpty(k)).Select(ApiKeys.Digest);
            return ApiKeys.Matches(authorization[scheme.Length..].Trim(), keys) ? null : "ingest key is not valid";
        }

        var header = request.Headers[WebhookSignature.HeaderName].ToString();
        if (header.Length == 0)
        {
            return $"send Authorization: Bearer <ingest key> or {WebhookSignature.HeaderName}";
        }

        if (string.IsNullOrEmpty(settings.SigningSecret))
        {
            return "signatures are not accepted: Billing:SigningSecret is not configured";
        }

        var verdict = WebhookSignature.Verify(header, body, settings.SigningSecret, clock.GetUtcNow(), out var timestamp);
        return verdict switch
        {
            SignatureVerdict.Malformed => $"{WebhookSignature.HeaderName} must be t=<unix seconds>,v1=<64 hex digits>",
            SignatureVerdict.Stale => "signature timestamp is more than 5 minutes from the server's clock",
            SignatureVerdict.Mismatch => "signature does not match the body",
            _ => await ClaimAsync(header, timestamp, ct) ? null : "signature already used (replayed request)",
        };
    }

    private async Task<bool> ClaimAsync(string header, long timestamp, CancellationToken ct)
    {
        var table = storage.GetTableClient(SignaturesTable);
        var digest = Convert.ToHexStringLower(ApiKeys.Digest(header));
        try
        {
            await table.AddEntityAsync(new TableEntity((timestamp / 3600).ToString(System.Globalization.CultureInfo.InvariantCulture), digest) { ["SignedAt"] = timestamp }, ct);
            return true;
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            return false;
        }
    }
}
