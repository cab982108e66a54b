using System.Net;
using System.Text.Json.Nodes;
using Billing.Functions.Tests.Settlement;

namespace Billing.Functions.Tests.Time;

/// <summary>
/// The clock routes on a host with <c>Billing__Clock=simulated</c>: <c>GET /api/manage/clock</c> answers the simulated
/// time and <c>simulated: true</c>; <c>POST /api/manage/clock/advance</c> moves it forward only, to an instant with an offset
/// inside the billing horizon and at most five years ahead.
/// </summary>
public sealed class SimulatedClockRouteTests
{
    [Fact]
    public async Task A_simulated_clock_reads_where_it_stands_and_moves_forward_only()
    {
        var scenario = new JsonObject { ["start"] = "2026-03-01T00:00:00Z" };
        await using var host = await ScenarioHost.StartAsync(scenario);

        var start = await host.GetJsonAsync("/api/manage/clock");
        Assert.True(start["simulated"]!.GetValue<bool>());
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), start["now"]!.GetValue<DateTimeOffset>());

        var advanced = await host.SendForJsonAsync(HttpMethod.Post, "/api/manage/clock/advance", new JsonObject { ["to"] = "2026-03-05T12:00:00Z" });
        Assert.Equal(DateTimeOffset.Parse("2026-03-05T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), advanced["now"]!.GetValue<DateTimeOffset>());
        Assert.True(advanced["failures"]!["ok"]!.GetValue<bool>());

        using var backwards = await host.TrySendAsync(HttpMethod.Post, "/api/manage/clock/advance", new JsonObject { ["to"] = "2026-03-02T00:00:00Z" });
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("\"to\"", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Beyond the billing horizon, or more than five years at once (each settlement on the way is played in the request).
        foreach (var to in new[] { "9999-12-31T23:59:59Z", "2031-03-06T00:00:00Z", "2026-03-06T00:00:00" })
        {
            using var far = await host.TrySendAsync(HttpMethod.Post, "/api/manage/clock/advance", new JsonObject { ["to"] = to });
            Assert.Equal(HttpStatusCode.BadRequest, far.StatusCode);
            Assert.NotNull(JsonNode.Parse(await far.Content.ReadAsStringAsync())!["errors"]!["to"]);
        }

        var after = await host.GetJsonAsync("/api/manage/clock");
        Assert.True(after["simulated"]!.GetValue<bool>());
        Assert.Equal(DateTimeOffset.Parse("2026-03-05T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), after["now"]!.GetValue<DateTimeOffset>());
    }
}
