using System.Globalization;
using System.Text.Json.Nodes;
using Billing.Domain.Tests.Support;
using Billing.Functions.Tests.Settlement;
using Billing.Workflows.Scenarios;

namespace Billing.Functions.Tests.Time;

/// <summary>
/// The dunning orchestrations keep their own time on the simulated clock: between two settlements, each ladder step is
/// carried out at its instant by the invoice's dunning instance alone (the clock settles every customer only where a
/// period's settlement or a pack instant is due), and what the service has done by any instant is what
/// <c>scenario run</c> has done by then.
/// </summary>
public sealed class DunningOnSimulatedClockTests
{
    // January is settled at 2026-02-01T02:00Z (2 h grace) and due 10 days later; February is settled on 2026-03-01.
    private const string Scenario = """
        {"start":"2026-01-01T00:00:00Z","end":"2026-02-25T00:00:00Z","timezone":"UTC","currency":"USD",
         "meters":[{"code":"calls","aggregation":"sum","property":"quantity"}],
         "plans":[{"code":"p","period":"month","paymentTermsDays":10,"charges":[{"code":"base","model":"flat","amount":"10.00"}]}],
         "dunning":{"steps":[{"afterDueDays":-2,"action":"remind"},{"afterDueDays":3,"action":"throttle"},{"afterDueDays":6,"action":"suspend"}]},
         "customers":[{"id":"acme","name":"Acme Ltd","email":"billing@acme.test","plan":"p"}]}
        """;

    private static readonly DateTimeOffset Remind = At("2026-02-09T02:00:00Z");
    private static readonly DateTimeOffset Throttle = At("2026-02-14T02:00:00Z");
    private static readonly DateTimeOffset Suspend = At("2026-02-17T02:00:00Z");

    [Fact]
    public async Task Each_ladder_step_is_carried_out_at_its_instant_by_the_dunning_orchestration_between_settlements()
    {
        var (_, expectedJson) = ScenarioRun.Execute(Scenario);
        var expected = JsonNode.Parse(expectedJson)!["timeline"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal([(Remind, "remind"), (Throttle, "throttle"), (Suspend, "suspend")], expected.Select(e => (At(e["at"]!.GetValue<string>()), e["action"]!.GetValue<string>())));

        // Played until January is invoiced and unpaid: its dunning instance waits for the reminder.
        var played = JsonNode.Parse(Scenario)!.AsObject();
        played["end"] = "2026-02-01T12:00:00Z";
        await using var host = await ScenarioHost.StartAsync(played);
        await host.PlayAsync(played);
        Assert.Equal(Remind, await NextAtAsync(host));

        // A second before the reminder nothing has happened; just after each step, it has, and nothing later has.
        await host.AdvanceAsync(Remind.AddSeconds(-1));
        Assert.Empty(await host.TimelinesAsync(played));
        foreach (var (instant, following) in new[] { (Remind, Throttle), (Throttle, Suspend), (Suspend, (DateTimeOffset?)null) })
        {
            await host.AdvanceAsync(instant.AddMinutes(1));
            var byThen = new JsonObject { ["timeline"] = new JsonArray(expected.Where(e => At(e["at"]!.GetValue<string>()) <= instant).Select(e => (JsonNode)e.DeepClone()).ToArray()) };
            var actual = new JsonObject { ["timeline"] = new JsonArray((await host.TimelinesAsync(played)).Select(e => (JsonNode)e.DeepClone()).ToArray()) };
            Assert.Empty(OutcomeComparison.Differences(byThen.ToJsonString(), actual.ToJsonString()));
            Assert.Equal(following, await NextAtAsync(host));
        }

        // Each step's notice was emailed once, named for the step's instant.
        var notices = (await host.GetJsonAsync("/api/manage/outbox?limit=1000"))["items"]!.AsArray().Select(m => m!["messageId"]!.GetValue<string>()).Where(id => !id.StartsWith("invoice/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(
            new[] { ("remind", Remind), ("suspend", Suspend), ("throttle", Throttle) }.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Item1}/acme/2026-01/{s.Item2.UtcTicks}")),
            notices);
    }

    /// <summary>The instant the January dunning instance waits for; null when it waits for none.</summary>
    private static async Task<DateTimeOffset?> NextAtAsync(ScenarioHost host)
    {
        var dunning = Assert.Single((await host.GetJsonAsync("/api/manage/workflows?type=Dunning&customer=acme"))["items"]!.AsArray())!;
        Assert.Equal("running", dunning["status"]!.GetValue<string>());
        return dunning["customStatus"]!["nextAt"]?.GetValue<DateTimeOffset>();
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);
}
