using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Billing.Application.Security;
using Billing.Functions.Tests.Fixtures;
using static Billing.Functions.Tests.Fixtures.UsageEvents;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>The corpus's transport faults: oversized bodies, content types, keys and signatures.</summary>
public static partial class MalformedCorpus
{
    private static void BodyLimits(List<MalformedRequest> cases)
    {
        cases.Add(Sized("2 MiB body", 2 * 1024 * 1024, chunked: false));
        cases.Add(Sized("1 MiB and one byte", (1024 * 1024) + 1, chunked: false));
        cases.Add(Sized("2 MiB body without a length", 2 * 1024 * 1024, chunked: true));
        cases.Add(Sized("1 MiB and one byte without a length", (1024 * 1024) + 1, chunked: true));
    }

    private static void ContentTypes(List<MalformedRequest> cases)
    {
        foreach (var type in new[] { "text/plain", "application/xml", "text/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/problem+json", "application/jsonl", "application/octet-stream" })
        {
            cases.Add(new MalformedRequest($"content type {type}", HttpStatusCode.UnsupportedMediaType, "content type must be application/json", c =>
                Task.FromResult(Bearer(c.Api.Request(HttpMethod.Post, "api/usage", Valid(c), type)))));
        }

        cases.Add(new MalformedRequest("no content type", HttpStatusCode.UnsupportedMediaType, "content type must be application/json", c =>
        {
            var request = Bearer(c.Api.Request(HttpMethod.Post, "api/usage"));
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Valid(c)));
            return Task.FromResult(request);
        }));
    }

    private static void Keys(List<MalformedRequest> cases)
    {
        cases.Add(Auth("no credentials", "send Authorization: Bearer <ingest key> or x-billing-signature", (_, r) => { }));
        cases.Add(Auth("wrong ingest key", "ingest key is not valid", (_, r) => r.Headers.TryAddWithoutValidation("Authorization", "Bearer wrong-key")));
        cases.Add(Auth("ingest key with an extra character", "ingest key is not valid", (_, r) => r.Headers.TryAddWithoutValidation("Authorization", $"Bearer {HostFixture.IngestKey}x")));
        cases.Add(Auth("ingest key cut short", "ingest key is not valid", (_, r) => r.Headers.TryAddWithoutValidation("Authorization", $"Bearer {HostFixture.IngestKey[..^1]}")));
        cases.Add(Auth("admin key as ingest key", "ingest key is not valid", (_, r) => r.Headers.TryAddWithoutValidation("Authorization", $"Bearer {HostFixture.AdminKey}")));
        cases.Add(Auth("portal key as ingest key", "ingest key is not valid", (c, r) => r.Headers.TryAddWithoutValidation("Authorization", $"Bearer {c.PortalKey}")));
        cases.Add(Auth("signing secret as ingest key", "ingest key is not valid", (_, r) => r.Headers.TryAddWithoutValidation("Authorization", $"Bearer {HostFixture.SigningSecret}")));
        cases.Add(Auth("basic scheme", "Authorization must use the Bearer scheme", (_, r) => r.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz")));
        cases.Add(Auth("token scheme", "Authorization must use the Bearer scheme", (_, r) => r.Headers.TryAddWithoutValidation("Authorization", $"Token {HostFixture.IngestKey}")));
        cases.Add(Auth("bearer without a key", "Authorization must use the Bearer scheme", (_, r) => r.Headers.TryAddWithoutValidation("Authorization", "Bearer")));
        cases.Add(Auth("key without a scheme", "Authorization must use the Bearer scheme", (_, r) => r.Headers.TryAddWithoutValidation("Authorization", HostFixture.IngestKey)));
        cases.Add(Auth("ingest key in the admin header", "send Authorization: Bearer <ingest key> or x-billing-signature", (_, r) => r.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.IngestKey)));
        cases.Add(Auth("wrong key beside a valid signature", "ingest key is not valid", (c, r) =>
        {
            r.Headers.TryAddWithoutValidation("Authorization", "Bearer wrong-key");
            r.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(HostFixture.SigningSecret, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(Valid(c))));
        }));
    }

    private static void Signatures(List<MalformedRequest> cases)
    {
        const string malformed = "x-billing-signature must be t=<unix seconds>,v1=<64 hex digits>";
        var hex = new string('a', 64);
        foreach (var header in new[] { "garbage", "t=1700000000", $"v1={hex}", $"t=abc,v1={hex}", "t={now},v1=xyz", $"t={{now}},v1={hex[..63]}", $"t={{now}},v0={hex}", $"t={{now}};v1={hex}", $"t=-5,v1={hex}", $"t={{now}},v1={hex}0" })
        {
            cases.Add(Auth($"signature header '{header}'", malformed, (_, r) => r.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, header.Replace("{now}", Now(), StringComparison.Ordinal))));
        }

        cases.Add(Auth("signature of another body", "signature does not match the body", (c, r) =>
            r.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(HostFixture.SigningSecret, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(Valid(c) + " ")))));
        cases.Add(Auth("signature with another secret", "signature does not match the body", (c, r) =>
            r.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign("another-secret", DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(Valid(c))))));
        cases.Add(Auth("signature with a made-up digest", "signature does not match the body", (_, r) =>
            r.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, $"t={Now()},v1={hex}")));
        cases.Add(Auth("signature with the timestamp changed", "signature does not match the body", (c, r) =>
        {
            var signed = WebhookSignature.Sign(HostFixture.SigningSecret, DateTimeOffset.UtcNow.AddSeconds(-10), Encoding.UTF8.GetBytes(Valid(c)));
            r.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, $"t={Now()}," + signed.Split(',')[1]);
        }));
        // Ahead of the clock only by far: elapsed time must not bring a timestamp back within the 5 minutes.
        foreach (var seconds in new[] { -301, -3600, -86400, 3600, 86400 })
        {
            cases.Add(Auth($"signature {seconds} s from now", "signature timestamp is more than 5 minutes from the server's clock", (c, r) =>
                r.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(HostFixture.SigningSecret, DateTimeOffset.UtcNow.AddSeconds(seconds), Encoding.UTF8.GetBytes(Valid(c))))));
        }

        cases.Add(Auth("signature at the epoch", "signature timestamp is more than 5 minutes from the server's clock", (c, r) =>
            r.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(HostFixture.SigningSecret, DateTimeOffset.UnixEpoch, Encoding.UTF8.GetBytes(Valid(c))))));
        for (var replay = 1; replay <= 3; replay++)
        {
            var copy = replay;
            cases.Add(new MalformedRequest($"replayed signature {copy}", HttpStatusCode.Unauthorized, "signature already used (replayed request)", async c =>
            {
                var body = Calls($"replay-{Guid.NewGuid():N}", c.Replayed, FixedInstant, copy);
                var header = WebhookSignature.Sign(HostFixture.SigningSecret, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(body));
                using (var original = c.Api.Request(HttpMethod.Post, "api/usage", body))
                {
                    original.Headers.Add(WebhookSignature.HeaderName, header);
                    var accepted = await c.Api.SendAsync(original);
                    Assert.True(accepted.Status == HttpStatusCode.Accepted, $"the original of a replay was refused: {accepted}");
                }

                var request = c.Api.Request(HttpMethod.Post, "api/usage", body);
                request.Headers.Add(WebhookSignature.HeaderName, header);
                return request;
            }));
        }
    }

    private static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static MalformedRequest Auth(string name, string reason, Action<CorpusContext, HttpRequestMessage> authorize) =>
        new(name, HttpStatusCode.Unauthorized, reason, c =>
        {
            var request = c.Api.Request(HttpMethod.Post, "api/usage", Valid(c));
            authorize(c, request);
            return Task.FromResult(request);
        });

    /// <summary>A well-formed batch padded past the size limit (many valid events), sent with or without Content-Length.</summary>
    private static MalformedRequest Sized(string name, int bytes, bool chunked) =>
        new(name, HttpStatusCode.RequestEntityTooLarge, "the body is larger than 1048576 bytes", c =>
        {
            var padding = new string(' ', Math.Max(0, bytes - Valid(c).Length));
            var body = Encoding.UTF8.GetBytes(Valid(c).Insert(1, padding));
            var request = Bearer(c.Api.Request(HttpMethod.Post, "api/usage"));
            request.Content = chunked ? new StreamContent(new UnknownLengthStream(body)) : new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return Task.FromResult(request);
        });

    /// <summary>A readable stream that does not know its length, so the body goes out chunked.</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
