using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Billing.Application.Security;
using Billing.Functions.Tests.Settlement;

namespace Billing.Functions.Tests.Security;

/// <summary>
/// The five-minute rule of webhook signatures at its exact boundary, on a host whose simulated clock stands still
/// (so no elapsed time can move a signature across the boundary): a timestamp 300 s from the clock either way is
/// accepted, 301 s is refused with 401.
/// </summary>
public sealed class SignatureToleranceTests
{
    private const string Secret = "tolerance-signing-secret";
    private const string ClockStart = "2026-01-10T00:00:00Z";
    private static readonly DateTimeOffset Clock = DateTimeOffset.Parse(ClockStart, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_signature_is_accepted_up_to_five_minutes_from_the_clock_and_refused_one_second_beyond()
    {
        var cases = new (int OffsetSeconds, HttpStatusCode Expected)[]
        {
            (-3600, HttpStatusCode.Unauthorized),
            (-301, HttpStatusCode.Unauthorized),
            (-300, HttpStatusCode.Accepted),
            (0, HttpStatusCode.Accepted),
            (300, HttpStatusCode.Accepted),
            (301, HttpStatusCode.Unauthorized),
            (3600, HttpStatusCode.Unauthorized),
        };
        var scenario = new JsonObject { ["start"] = ClockStart };
        await using var host = await ScenarioHost.StartAsync(scenario, settings: new Dictionary<string, string> { ["Billing__SigningSecret"] = Secret });
        await host.SendAsync(HttpMethod.Put, "/api/manage/catalog", JsonNode.Parse("""
            {"timezone":"UTC","currency":"USD","meters":[{"code":"api_calls","aggregation":"sum","property":"quantity"}],
             "plans":[{"code":"std","period":"month","paymentTermsDays":30,"charges":[{"code":"calls","meter":"api_calls","model":"per_unit","unitPrice":"0.01"}]}]}
            """)!.AsObject());
        await host.SendAsync(HttpMethod.Put, "/api/manage/customers/signed", JsonNode.Parse("""{"plan":"std","name":"Signed","startsAt":"2026-01-01T00:00:00Z"}""")!.AsObject());
        using var http = new HttpClient { BaseAddress = host.Host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

        foreach (var (offset, expected) in cases)
        {
            var body = $$$"""{"id":"t{{{offset}}}","customer":"signed","meter":"api_calls","at":"2026-01-09T12:00:00Z","properties":{"quantity":1}}""";
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/usage") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(Secret, Clock.AddSeconds(offset), Encoding.UTF8.GetBytes(body)));

            using var response = await http.SendAsync(request);

            var answer = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{offset} s: {(int)response.StatusCode} {answer}");
            if (expected == HttpStatusCode.Unauthorized)
            {
                Assert.Equal("signature timestamp is more than 5 minutes from the server's clock", JsonNode.Parse(answer)!["detail"]!.GetValue<string>());
            }
        }
    }
}
