using System.Globalization;
using System.Text.Json.Nodes;
using Billing.Domain.Tests.Support;
using Billing.Functions.Tests.Fixtures;
using Billing.Workflows.Scenarios;

namespace Billing.Functions.Tests.Settlement;

/// <summary>
/// The service and the scenario runner are one engine: each shared example, played through the real host (webhook,
/// queue, Table Storage aggregates, settlement on a simulated clock, payments), yields exactly the invoices that
/// <c>scenario run</c> computes for it, numbered without gaps, and carries out exactly the runner's timeline.
/// </summary>
public sealed class SettlementThroughHostTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.SharedScenarios, "*.json", SearchOption.AllDirectories).Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.ChangeExtension(Path.GetRelativePath(RepositoryPaths.SharedScenarios, file), null).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Invoices_issued_by_the_service_equal_the_scenario_runner_s(string name)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.SharedScenarios, name + ".json"));
        var scenario = JsonNode.Parse(text)!.AsObject();
        var (_, expectedJson) = ScenarioRun.Execute(text);

        await using var host = await ScenarioHost.StartAsync(scenario);
        var issued = await host.PlayAsync(scenario);

        var expected = new JsonObject { ["invoices"] = JsonNode.Parse(expectedJson)!["invoices"]!.DeepClone() };
        var actual = new JsonObject { ["invoices"] = new JsonArray(issued.Select(i => (JsonNode)i.DeepClone()).ToArray()) };
        Assert.Empty(OutcomeComparison.Differences(expected.ToJsonString(), actual.ToJsonString()));

        var numbers = issued.Select(i => i["number"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count).Select(n => $"INV-2026-{n:000000}"), numbers);

        // The collection actions the service carried out are the runner's timeline.
        var expectedTimeline = new JsonObject { ["timeline"] = JsonNode.Parse(expectedJson)!["timeline"]!.DeepClone() };
        var actualTimeline = new JsonObject { ["timeline"] = new JsonArray((await host.TimelinesAsync(scenario)).Select(e => (JsonNode)e.DeepClone()).ToArray()) };
        Assert.Empty(OutcomeComparison.Differences(expectedTimeline.ToJsonString(), actualTimeline.ToJsonString()));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Events_the_service_refuses_are_the_scenario_runner_s_rejected_events(string name)
    {
        // The example with a repeat of its first event's id, received an hour later with other content.
        var scenario = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.SharedScenarios, name + ".json")))!.AsObject();
        var events = scenario["events"]!.AsArray();
        var repeat = events[0]!.DeepClone().AsObject();
        repeat["receivedAt"] = DateTimeOffset.Parse(repeat["at"]!.GetValue<string>(), CultureInfo.InvariantCulture).AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        foreach (var property in repeat["properties"]!.AsObject().ToList())
        {
            repeat["properties"]![property.Key] = decimal.Parse(property.Value!.ToString(), CultureInfo.InvariantCulture) + 1;
        }

        events.Add(repeat);
        var (_, expectedJson) = ScenarioRun.Execute(scenario.ToJsonString());
        var expected = JsonNode.Parse(expectedJson)!["rejectedEvents"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(repeat["id"]!.GetValue<string>(), expected);

        await using var host = await ScenarioHost.StartAsync(scenario);
        await host.PlayAsync(scenario);

        // Refused at once (in the webhook's answer) or after it (listed for the customer).
        var refusedLater = new List<string>();
        foreach (var customer in scenario["customers"]!.AsArray())
        {
            var listed = await host.GetJsonAsync($"/api/customers/{Uri.EscapeDataString(customer!["id"]!.GetValue<string>())}/events/rejected");
            refusedLater.AddRange(listed.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        }

        Assert.Equal(expected, host.RejectedAtOnce.Concat(refusedLater).Order(StringComparer.Ordinal));
        Assert.Equal([repeat["id"]!.GetValue<string>()], refusedLater);
    }

    [Fact]
    public async Task A_pack_used_up_in_the_open_period_gets_no_expiry_warning_and_the_timeline_is_the_runner_s()
    {
        // p1 is used up on Mar 10, in the open period, before its warning instant (Mar 25); p2 still holds its balance at its own (Apr 8).
        var scenario = JsonNode.Parse("""
            {"start":"2026-01-01T00:00:00Z","end":"2026-04-20T00:00:00Z","timezone":"UTC","currency":"USD",
             "meters":[{"code":"api_calls","aggregation":"sum","property":"quantity"}],
             "plans":[{"code":"payg","period":"month","paymentTermsDays":30,"charges":[{"code":"calls","meter":"api_calls","model":"per_unit","unitPrice":"0.01"}]}],
             "customers":[{"id":"gamma","name":"Gamma","email":"billing@gamma.test","plan":"payg","packs":[
               {"code":"p1","meter":"api_calls","quantity":"1000","price":"10.00","purchasedAt":"2026-01-01T00:00:00Z",
                "validFrom":"2026-01-01T00:00:00Z","validTo":"2026-04-01T00:00:00Z","allocation":"once","carryOver":false},
               {"code":"p2","meter":"api_calls","quantity":"500","price":"5.00","purchasedAt":"2026-01-02T00:00:00Z",
                "validFrom":"2026-01-02T00:00:00Z","validTo":"2026-04-15T00:00:00Z","allocation":"once","carryOver":false}]}],
             "events":[{"id":"g1","customer":"gamma","meter":"api_calls","at":"2026-03-10T00:00:00Z","properties":{"quantity":1000}}],
             "payments":[{"id":"pay-0","customer":"gamma","at":"2026-01-03T00:00:00Z","amount":"15.00"}]}
            """)!.AsObject();
        var (_, expectedJson) = ScenarioRun.Execute(scenario.ToJsonString());
        var expected = JsonNode.Parse(expectedJson)!;
        Assert.Equal(
            ["2026-03-10T00:00:00Z pack_low p1", "2026-04-08T00:00:00Z pack_expiring p2"],
            expected["timeline"]!.AsArray().Select(e => $"{e!["at"]} {e["action"]} {e["pack"]}"));

        await using var host = await ScenarioHost.StartAsync(scenario);
        var issued = await host.PlayAsync(scenario);

        var expectedInvoices = new JsonObject { ["invoices"] = expected["invoices"]!.DeepClone() };
        var actualInvoices = new JsonObject { ["invoices"] = new JsonArray(issued.Select(i => (JsonNode)i.DeepClone()).ToArray()) };
        Assert.Empty(OutcomeComparison.Differences(expectedInvoices.ToJsonString(), actualInvoices.ToJsonString()));
        var expectedTimeline = new JsonObject { ["timeline"] = expected["timeline"]!.DeepClone() };
        var actualTimeline = new JsonObject { ["timeline"] = new JsonArray((await host.TimelinesAsync(scenario)).Select(e => (JsonNode)e.DeepClone()).ToArray()) };
        Assert.Empty(OutcomeComparison.Differences(expectedTimeline.ToJsonString(), actualTimeline.ToJsonString()));
        var alerts = (await host.GetJsonAsync("/api/manage/outbox?limit=1000"))["items"]!.AsArray().Select(m => m!["messageId"]!.GetValue<string>()).Where(id => id.StartsWith("pack_expiring/", StringComparison.Ordinal));
        Assert.Equal(["pack_expiring/gamma/p2"], alerts.Select(id => id[..id.LastIndexOf('/')]));
    }

    [Fact]
    public async Task Dunning_suspends_the_service_and_payment_restores_it()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.SharedScenarios, "prepaid-pack-dunning.json"));
        var scenario = JsonNode.Parse(text)!.AsObject();
        scenario["end"] = "2026-04-15T00:00:00+08:00";

        await using var host = await ScenarioHost.StartAsync(scenario);
        await host.PlayAsync(scenario);

        using var suspended = await host.GetAsync("/api/customers/beta/status");
        var status = JsonNode.Parse(await suspended.Content.ReadAsStringAsync())!;
        Assert.Equal("suspended", status["status"]!.GetValue<string>());
        Assert.Equal("2026-04-13T18:00:00Z", status["since"]!.GetValue<string>());
        var etag = suspended.Headers.ETag!.Tag;
        using var unchanged = await host.GetAsync("/api/customers/beta/status", etag);
        Assert.Equal(System.Net.HttpStatusCode.NotModified, unchanged.StatusCode);

        var payment = new JsonObject { ["id"] = "pay-late", ["customer"] = "beta", ["at"] = "2026-04-14T23:59:00+08:00", ["amount"] = "100.00" };
        await host.SendAsync(HttpMethod.Post, "/api/payments", payment);
        using var restored = await host.GetAsync("/api/customers/beta/status", etag);
        Assert.Equal(System.Net.HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal("active", JsonNode.Parse(await restored.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Each_issued_invoice_is_rendered_stored_and_emailed_once()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.SharedScenarios, "postpaid-basics.json"));
        var scenario = JsonNode.Parse(text)!.AsObject();

        await using var host = await ScenarioHost.StartAsync(scenario);
        var issued = await host.PlayAsync(scenario);
        await host.AdvanceAsync(DateTimeOffset.Parse(scenario["end"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        var outbox = (await host.GetJsonAsync("/api/manage/outbox?limit=1000"))["items"]!;
        foreach (var invoice in issued)
        {
            var number = invoice["number"]!.GetValue<string>();
            Assert.Single(outbox.AsArray(), e => e!["name"]!.GetValue<string>() == $"invoice/{number}.eml");

            var pdf = await host.GetBytesAsync($"/api/invoices/{number}/pdf");
            var pdfText = PdfText.Extract(pdf);
            Assert.Contains(number, pdfText, StringComparison.Ordinal);

            // Documents group digits by thousands: 1220.00 is shown as 1,220.00.
            var total = decimal.Parse(invoice["total"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToString("#,0.00", CultureInfo.InvariantCulture);
            Assert.Contains(total, pdfText, StringComparison.Ordinal);

            var html = System.Text.Encoding.UTF8.GetString(await host.GetBytesAsync($"/api/invoices/{number}/html"));
            Assert.Contains(total, html, StringComparison.Ordinal);
        }

        Assert.Equal(issued.Count, outbox.AsArray().Count(e => e!["name"]!.GetValue<string>().StartsWith("invoice/", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("numbering")]
    [InlineData("rendering")]
    [InlineData("email")]
    public async Task A_host_killed_during_settlement_and_restarted_issues_one_invoice_number_and_email_per_period(string crashAfter)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.SharedScenarios, "postpaid-basics.json"));
        var scenario = JsonNode.Parse(text)!.AsObject();
        var (_, expectedJson) = ScenarioRun.Execute(text);

        await using var host = await ScenarioHost.StartAsync(scenario, crashAfter);
        var issued = await host.PlayAsync(scenario);

        Assert.Equal(1, host.Restarts);
        var expected = new JsonObject { ["invoices"] = JsonNode.Parse(expectedJson)!["invoices"]!.DeepClone() };
        var actual = new JsonObject { ["invoices"] = new JsonArray(issued.Select(i => (JsonNode)i.DeepClone()).ToArray()) };
        Assert.Empty(OutcomeComparison.Differences(expected.ToJsonString(), actual.ToJsonString()));
        Assert.Equal(["INV-2026-000001", "INV-2026-000002"], issued.Select(i => i["number"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var emails = (await host.GetJsonAsync("/api/manage/outbox?limit=1000"))["items"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(["invoice/INV-2026-000001.eml", "invoice/INV-2026-000002.eml", "receipt/acme/pay-1.eml"], emails);

        // Each unpaid invoice got one dunning instance; January's ended when it was paid.
        var dunning = (await host.GetJsonAsync("/api/manage/workflows?type=Dunning"))["items"]!.AsArray();
        Assert.Equal(["dunning/acme/2026-01", "dunning/acme/2026-02"], dunning.Select(w => w!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var january = dunning.Single(w => w!["id"]!.GetValue<string>() == "dunning/acme/2026-01")!;
        Assert.Equal("completed", january["status"]!.GetValue<string>());
        Assert.True(january["output"]!["paid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_host_killed_between_backup_and_suspend_and_restarted_backs_up_once_and_suspends_once()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.SharedScenarios, "prepaid-pack-dunning.json"));
        var scenario = JsonNode.Parse(text)!.AsObject();
        var (_, expectedJson) = ScenarioRun.Execute(text);

        await using var host = await ScenarioHost.StartAsync(scenario, crashAfter: "backup");
        await host.PlayAsync(scenario);

        Assert.Equal(1, host.Restarts);
        var expectedTimeline = new JsonObject { ["timeline"] = JsonNode.Parse(expectedJson)!["timeline"]!.DeepClone() };
        var actualTimeline = new JsonObject { ["timeline"] = new JsonArray((await host.TimelinesAsync(scenario)).Select(e => (JsonNode)e.DeepClone()).ToArray()) };
        Assert.Empty(OutcomeComparison.Differences(expectedTimeline.ToJsonString(), actualTimeline.ToJsonString()));
        var backups = (await host.GetJsonAsync("/api/manage/customers/beta/backups")).AsArray();
        var backup = Assert.Single(backups);
        Assert.Equal(64, backup!["sha256"]!.GetValue<string>().Length);
        Assert.EndsWith(".zip", backup["name"]!.GetValue<string>(), StringComparison.Ordinal);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await host.GetBytesAsync("/api/manage/backups/" + backup["name"]!.GetValue<string>())));
        Assert.Equal(
            ["customer.json", "invoices.jsonl", "payments.jsonl", "timeline.jsonl", "usage/api_calls.events.jsonl", "usage/api_calls.hours.jsonl"],
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var events = new StreamReader(zip.GetEntry("usage/api_calls.events.jsonl")!.Open());
        // The timeline says where the backup is.
        var backupEntry = (await host.TimelinesAsync(scenario)).Single(e => e["action"]!.GetValue<string>() == "backup");
        Assert.Contains(backup["name"]!.GetValue<string>(), backupEntry["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // b1, b2 and b3 were metered (b4, negative, was refused).
        Assert.Equal(3, (await events.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_host_killed_after_a_dunning_step_before_its_activity_completed_and_restarted_takes_each_step_and_sends_each_email_once()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.SharedScenarios, "prepaid-pack-dunning.json"));
        var scenario = JsonNode.Parse(text)!.AsObject();
        var (_, expectedJson) = ScenarioRun.Execute(text);

        await using var host = await ScenarioHost.StartAsync(scenario, crashAfter: "dunning-step");
        await host.PlayAsync(scenario);

        // The step's activity ran again after the restart (Durable had not recorded it): each step acted once.
        Assert.Equal(1, host.Restarts);
        var expectedTimeline = new JsonObject { ["timeline"] = JsonNode.Parse(expectedJson)!["timeline"]!.DeepClone() };
        var actualTimeline = new JsonObject { ["timeline"] = new JsonArray((await host.TimelinesAsync(scenario)).Select(e => (JsonNode)e.DeepClone()).ToArray()) };
        Assert.Empty(OutcomeComparison.Differences(expectedTimeline.ToJsonString(), actualTimeline.ToJsonString()));
        var mails = (await host.GetJsonAsync("/api/manage/outbox?limit=1000"))["items"]!.AsArray().Select(m => m!["messageId"]!.GetValue<string>()).ToList();
        Assert.Equal(mails.Distinct(StringComparer.Ordinal).Count(), mails.Count);
        Assert.Single(await host.GetJsonAsync("/api/manage/customers/beta/backups") is JsonArray backups ? backups : []);
        Assert.Empty((await host.GetJsonAsync("/api/manage/workflows?status=failed"))["items"]!.AsArray());
    }

    [Fact]
    public async Task A_payment_racing_the_suspend_step_and_delivered_twice_ends_restored_with_one_restore()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.SharedScenarios, "prepaid-pack-dunning.json"));
        var scenario = JsonNode.Parse(text)!.AsObject();
        var payments = scenario["payments"]!.AsArray();
        payments[1]!["at"] = "2026-04-14T02:00:00+08:00";

        await using var host = await ScenarioHost.StartAsync(scenario);
        await host.PlayAsync(scenario);
        await host.SendAsync(HttpMethod.Post, "/api/payments", (JsonObject)payments[1]!.DeepClone());

        // The suspend step and the payment share an instant. The service may act on the step before the payment is
        // known (then backs up and suspends), but it must end restored, with exactly one restore, after any suspend.
        var timeline = await host.TimelinesAsync(scenario);
        var restore = Assert.Single(timeline, e => e["action"]!.GetValue<string>() == "restore");
        Assert.Equal("2026-04-13T18:00:00Z", restore["at"]!.GetValue<string>());
        Assert.InRange(timeline.Count(e => e["action"]!.GetValue<string>() == "suspend"), 0, 1);
        using var status = await host.GetAsync("/api/customers/beta/status");
        Assert.Equal("active", JsonNode.Parse(await status.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        var invoices = (await host.GetJsonAsync("/api/customers/beta/invoices")).AsArray();
        Assert.All(invoices, i => Assert.Equal("paid", i!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_high_risk_customer_follows_the_configured_ladder()
    {
        var scenario = JsonNode.Parse("""
            {"start":"2026-01-01T00:00:00Z","end":"2026-02-20T00:00:00Z","timezone":"UTC","currency":"USD",
             "meters":[{"code":"calls","aggregation":"sum","property":"quantity"}],
             "plans":[{"code":"p","period":"month","paymentTermsDays":10,"charges":[{"code":"base","model":"flat","amount":"10.00"}]}],
             "customers":[{"id":"risky","plan":"p","riskLevel":"high"}]}
            """)!.AsObject();
        var settings = new Dictionary<string, string>
        {
            ["Billing__DunningLadders__high__0__AfterDueDays"] = "1",
            ["Billing__DunningLadders__high__0__Action"] = "throttle",
            ["Billing__DunningLadders__high__1__AfterDueDays"] = "2",
            ["Billing__DunningLadders__high__1__Action"] = "suspend",
        };

        await using var host = await ScenarioHost.StartAsync(scenario, settings: settings);
        await host.PlayAsync(scenario);

        // January is invoiced at 2026-02-01T02:00Z and due 10 days later; the high ladder throttles a day after, suspends two days after.
        var actions = (await host.TimelinesAsync(scenario)).Select(e => (e["at"]!.GetValue<string>(), e["action"]!.GetValue<string>()));
        Assert.Equal([("2026-02-12T02:00:00Z", "throttle"), ("2026-02-13T02:00:00Z", "suspend")], actions);
    }

    [Fact]
    public async Task A_risk_level_changed_after_the_invoice_was_issued_leaves_its_dunning_on_the_ladder_of_its_period()
    {
        var scenario = JsonNode.Parse("""
            {"start":"2026-01-01T00:00:00Z","end":"2026-02-01T12:00:00Z","timezone":"UTC","currency":"USD",
             "meters":[{"code":"calls","aggregation":"sum","property":"quantity"}],
             "plans":[{"code":"p","period":"month","paymentTermsDays":10,"charges":[{"code":"base","model":"flat","amount":"10.00"}]}],
             "customers":[{"id":"risky","plan":"p","riskLevel":"low"}]}
            """)!.AsObject();
        var settings = new Dictionary<string, string>
        {
            ["Billing__DunningLadders__low__0__AfterDueDays"] = "5",
            ["Billing__DunningLadders__low__0__Action"] = "throttle",
            ["Billing__DunningLadders__low__1__AfterDueDays"] = "8",
            ["Billing__DunningLadders__low__1__Action"] = "suspend",
            ["Billing__DunningLadders__high__0__AfterDueDays"] = "1",
            ["Billing__DunningLadders__high__0__Action"] = "throttle",
            ["Billing__DunningLadders__high__1__AfterDueDays"] = "2",
            ["Billing__DunningLadders__high__1__Action"] = "suspend",
        };

        await using var host = await ScenarioHost.StartAsync(scenario, settings: settings);
        await host.PlayAsync(scenario);
        Assert.Single((await host.GetJsonAsync("/api/customers/risky/invoices")).AsArray());

        // January was issued at 2026-02-01T02:00Z under the low ladder (due 10 days later); the customer turns high risk after.
        await host.SendAsync(HttpMethod.Put, "/api/manage/customers/risky", new JsonObject { ["plan"] = "p", ["riskLevel"] = "high", ["startsAt"] = "2026-01-01T00:00:00Z" });
        await host.AdvanceAsync(DateTimeOffset.Parse("2026-02-17T00:00:00Z", CultureInfo.InvariantCulture));

        // Past the low ladder's first step (and every instant of the high one), the dunning waits for the low ladder's second.
        var dunning = Assert.Single((await host.GetJsonAsync("/api/manage/workflows?type=Dunning&customer=risky"))["items"]!.AsArray())!;
        Assert.Equal("running", dunning["status"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse("2026-02-19T02:00:00Z", CultureInfo.InvariantCulture), dunning["customStatus"]!["nextAt"]?.GetValue<DateTimeOffset>());
        await host.AdvanceAsync(DateTimeOffset.Parse("2026-02-25T00:00:00Z", CultureInfo.InvariantCulture));

        var actions = (await host.TimelinesAsync(scenario)).Select(e => (e["at"]!.GetValue<string>(), e["action"]!.GetValue<string>()));
        Assert.Equal([("2026-02-16T02:00:00Z", "throttle"), ("2026-02-19T02:00:00Z", "suspend")], actions);
    }

    [Fact]
    public async Task Operators_see_each_unpaid_invoice_s_dunning_instance_running_while_unpaid_even_past_its_ladder_and_completed_when_paid()
    {
        await using var host = await PostpaidBasicsAsync();

        // January: dunned until the payment, whose paid event ended it.
        var dunning = (await host.GetJsonAsync("/api/manage/workflows?type=Dunning&customer=acme"))["items"]!.AsArray().OrderBy(w => w!["id"]!.GetValue<string>(), StringComparer.Ordinal).ToList();
        Assert.Equal(["dunning/acme/2026-01", "dunning/acme/2026-02"], dunning.Select(w => w!["id"]!.GetValue<string>()));
        var january = dunning[0]!;
        Assert.Equal(("Dunning", "completed"), (january["type"]!.GetValue<string>(), january["status"]!.GetValue<string>()));
        Assert.True(january["output"]!["paid"]!.GetValue<bool>());

        // February: unpaid, waiting for its next ladder instant, ahead of the clock it has seen.
        var february = dunning[1]!;
        Assert.Equal("running", february["status"]!.GetValue<string>());
        var nextAt = february["customStatus"]!["nextAt"]!.GetValue<DateTimeOffset>();
        var seen = february["customStatus"]!["clock"]!.GetValue<DateTimeOffset>();
        Assert.True(nextAt > seen, $"next {nextAt:o} is not after the clock {seen:o}");
        Assert.Empty((await host.GetJsonAsync("/api/manage/workflows?type=Dunning&status=failed"))["items"]!.AsArray());
        foreach (var notAStatus in new[] { "7", "Completed", "completed,failed" })
        {
            using var refused = await host.GetAsync("/api/manage/workflows?status=" + Uri.EscapeDataString(notAStatus));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        }

        // The old runtime's retry is gone.
        using (var retry = await host.TrySendAsync(HttpMethod.Post, "/api/manage/workflows/dunning/acme/2026-02/retry", new JsonObject()))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, retry.StatusCode);
        }

        // A running dunning instance is not restarted, purged or terminated: terminated, it would only delay its steps until
        // the account's next payment or settlement played them at once; a plan or the payment ends it.
        foreach (var action in new[] { "restart", "purge", "terminate" })
        {
            using var refused = await host.TrySendAsync(HttpMethod.Post, "/api/manage/workflows/dunning/acme/2026-02/" + action, new JsonObject());
            Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains(action == "terminate" ? "payment plan" : "finishes when the invoice is paid", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal("running", (await host.GetJsonAsync("/api/manage/workflows?type=Dunning&customer=acme"))["items"]!.AsArray().Single(w => w!["id"]!.GetValue<string>() == "dunning/acme/2026-02")!["status"]!.GetValue<string>());

        // Past the last step: each step ran once through the engine's replay, the instance still runs awaiting payment
        // (no instant ahead), nothing was issued twice.
        await host.SendAsync(HttpMethod.Post, "/api/manage/clock/advance", new JsonObject { ["to"] = "2026-04-14T00:00:00Z" });
        february = (await host.GetJsonAsync("/api/manage/workflows?type=Dunning&customer=acme"))["items"]!.AsArray().Single(w => w!["id"]!.GetValue<string>() == "dunning/acme/2026-02")!;
        Assert.Equal("running", february["status"]!.GetValue<string>());
        Assert.True(february["customStatus"]!["awaitingPayment"]!.GetValue<bool>());
        Assert.Null(february["customStatus"]!["nextAt"]);
        var invoices = (await host.GetJsonAsync("/api/customers/acme/invoices")).AsArray().Select(i => "invoice/" + i!["number"]!.GetValue<string>() + ".eml").Order(StringComparer.Ordinal);
        var invoiceMails = (await host.GetJsonAsync("/api/manage/outbox?limit=1000"))["items"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()).Where(n => n.StartsWith("invoice/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(invoices, invoiceMails);
        var actions = (await host.GetJsonAsync("/api/customers/acme/timeline")).AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Single(actions, a => a == "suspend");

        // Paid after the ladder: the waiting instance completes paid.
        var due = (await host.GetJsonAsync("/api/customers/acme/invoices")).AsArray().Single(i => i!["period"]!.GetValue<string>() == "2026-02")!;
        await host.SendAsync(HttpMethod.Post, "/api/payments", new JsonObject
        {
            ["id"] = "late-feb", ["customer"] = "acme", ["at"] = "2026-04-14T00:00:00Z", ["amount"] = due["total"]!.GetValue<string>(), ["period"] = "2026-02",
        });
        await Eventually.EqualAsync(
            "completed",
            async () => (await host.GetJsonAsync("/api/manage/workflows?type=Dunning&customer=acme"))["items"]!.AsArray().Single(w => w!["id"]!.GetValue<string>() == "dunning/acme/2026-02")!["status"]!.GetValue<string>(),
            TimeSpan.FromSeconds(60),
            "the February dunning after its payment");
        february = (await host.GetJsonAsync("/api/manage/workflows?type=Dunning&customer=acme"))["items"]!.AsArray().Single(w => w!["id"]!.GetValue<string>() == "dunning/acme/2026-02")!;
        Assert.True(february["output"]!["paid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task With_a_catalog_that_turns_dunning_off_a_paid_invoice_s_dunning_instance_completes_instead_of_awaiting_payment_forever()
    {
        var scenario = DunningOffScenario();
        scenario["payments"] = new JsonArray(QuietPayment());
        await using var host = await ScenarioHost.StartAsync(scenario);
        await host.PlayAsync(scenario);
        Assert.Equal("paid", Assert.Single((await host.GetJsonAsync("/api/customers/quiet/invoices")).AsArray())!["status"]!.GetValue<string>());

        // No ladder step ever ran; the payment still ends the instance that waited for it.
        Assert.Empty((await host.GetJsonAsync("/api/customers/quiet/timeline")).AsArray());
        var dunning = await CompletedDunningAsync(host, "quiet");
        Assert.Equal("completed", dunning["status"]!.GetValue<string>());
        Assert.True(dunning["output"]!["paid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_host_killed_after_a_payment_made_the_invoice_paid_and_before_its_dunning_was_told_tells_it_when_the_payment_is_delivered_again()
    {
        var scenario = DunningOffScenario();
        await using var host = await ScenarioHost.StartAsync(scenario, crashAfter: "paid-notice");
        await host.PlayAsync(scenario);
        var waiting = Assert.Single((await host.GetJsonAsync("/api/manage/workflows?type=Dunning&customer=quiet"))["items"]!.AsArray())!;
        Assert.True(waiting["customStatus"]!["awaitingPayment"]!.GetValue<bool>());

        // The payment makes the invoice paid, and the host dies before the invoice's dunning is told.
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => host.SendAsync(HttpMethod.Post, "/api/payments", QuietPayment()));
        await host.RestartAsync();
        var invoices = new Billing.Storage.Invoicing.InvoiceStore(host.Storage.GetTableClient(Billing.Application.Hosting.StorageBootstrap.InvoicesTable));
        Assert.Equal("paid", (await invoices.GetAsync("quiet", "usage/2026-01"))!.Status);

        // The payer delivers the payment again (it got no answer): the notice left pending is sent, and cleared.
        await host.SendAsync(HttpMethod.Post, "/api/payments", QuietPayment());
        var dunning = await CompletedDunningAsync(host, "quiet");
        Assert.Equal("completed", dunning["status"]!.GetValue<string>());
        Assert.True(dunning["output"]!["paid"]!.GetValue<bool>());
        Assert.False((await invoices.GetAsync("quiet", "usage/2026-01"))!.PaidNoticePending);
    }

    [Fact]
    public async Task The_workflows_list_pages_through_every_workflow_once_Durable_instances_first_then_timelines_in_customer_order()
    {
        var scenario = JsonNode.Parse("""
            {"start":"2026-01-01T00:00:00Z","end":"2026-02-20T00:00:00Z","timezone":"UTC","currency":"USD",
             "meters":[{"code":"calls","aggregation":"sum","property":"quantity"}],
             "plans":[{"code":"p","period":"month","paymentTermsDays":10,"charges":[{"code":"base","model":"flat","amount":"10.00"}]}],
             "customers":[{"id":"b-two","plan":"p"},{"id":"c-three","plan":"p"},{"id":"a-one","plan":"p"}]}
            """)!.AsObject();
        var settings = new Dictionary<string, string>
        {
            ["Billing__DunningLadders__low__0__AfterDueDays"] = "5",
            ["Billing__DunningLadders__low__0__Action"] = "throttle",
            ["Billing__DunningLadders__low__1__AfterDueDays"] = "8",
            ["Billing__DunningLadders__low__1__Action"] = "suspend",
        };
        await using var host = await ScenarioHost.StartAsync(scenario, settings: settings);
        await host.PlayAsync(scenario);

        var whole = await host.GetJsonAsync("/api/manage/workflows?limit=1000");
        Assert.Null(whole["continuationToken"]);
        var all = Ids(whole["items"]!.AsArray());
        Assert.Equal(["dunning/a-one/2026-01", "dunning/b-two/2026-01", "dunning/c-three/2026-01"], all.Where(id => id.StartsWith("dunning/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(["collections/a-one", "collections/b-two", "collections/c-three"], all.Where(id => id.StartsWith("collections/", StringComparison.Ordinal)));

        var paged = new List<string>();
        string? token = null;
        for (var pages = 0; pages == 0 || token is not null; pages++)
        {
            Assert.True(pages <= all.Count + 2, "the pages never end");
            var page = await host.GetJsonAsync("/api/manage/workflows?limit=1" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token)));
            var items = page["items"]!.AsArray();
            Assert.True(items.Count <= 1, $"{items.Count} items on a page of 1");
            paged.AddRange(Ids(items));
            token = page["continuationToken"]?.GetValue<string>();
        }

        Assert.Equal(all, paged);
        var timelines = paged.FindIndex(id => id.StartsWith("collections/", StringComparison.Ordinal));
        Assert.True(timelines > 0, "no Durable instance before the timelines");
        Assert.All(paged.Skip(timelines), id => Assert.StartsWith("collections/", id, StringComparison.Ordinal));

        // The customer filter pages too: its dunning instance, then its timeline.
        var first = await host.GetJsonAsync("/api/manage/workflows?customer=b-two&limit=1");
        Assert.Equal(["dunning/b-two/2026-01"], Ids(first["items"]!.AsArray()));
        var rest = await host.GetJsonAsync("/api/manage/workflows?customer=b-two&limit=1&continuationToken=" + Uri.EscapeDataString(first["continuationToken"]!.GetValue<string>()));
        Assert.Equal(["collections/b-two"], Ids(rest["items"]!.AsArray()));
        Assert.Null(rest["continuationToken"]);

        // A token into the timelines, sent with a filter that leaves timelines out, ends the list.
        var timelinesToken = Uri.EscapeDataString(Billing.Application.Admin.WorkflowListPosition.Collections.Encode());
        var dunningOnly = await host.GetJsonAsync("/api/manage/workflows?type=Dunning&continuationToken=" + timelinesToken);
        Assert.Empty(dunningOnly["items"]!.AsArray());
        Assert.Null(dunningOnly["continuationToken"]);

        // base64url of "x:acme": a token no page gave.
        foreach (var (query, field) in new[] { ("limit=0", "limit"), ("limit=1001", "limit"), ("continuationToken=%21%21", "continuationToken"), ("continuationToken=eDphY21l", "continuationToken") })
        {
            using var refused = await host.GetAsync("/api/manage/workflows?" + query);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
            Assert.NotNull(problem["errors"]![field]);
        }

        static List<string> Ids(JsonArray items) => [.. items.Select(w => w!["id"]!.GetValue<string>())];
    }

    [Fact]
    public async Task A_customer_settled_two_periods_late_gets_a_dunning_instance_per_unpaid_invoice()
    {
        await using var host = await PostpaidBasicsAsync();

        // Added on 2026-03-10 with an account backdated to January (a migration; or hosts down past two period ends):
        // its first settlement issues January and February together.
        await host.SendAsync(HttpMethod.Put, "/api/manage/customers/beta", new JsonObject
        {
            ["name"] = "Beta Co", ["email"] = "billing@beta.test", ["plan"] = "api-standard", ["startsAt"] = "2026-01-01T00:00:00+08:00",
        });
        await host.AdvanceAsync(DateTimeOffset.Parse("2026-03-10T00:05:00+08:00", CultureInfo.InvariantCulture));

        var invoices = (await host.GetJsonAsync("/api/customers/beta/invoices")).AsArray()
            .ToDictionary(i => i!["period"]!.GetValue<string>(), i => i!["number"]!.GetValue<string>());
        Assert.Equal(["2026-01", "2026-02"], invoices.Keys.Order(StringComparer.Ordinal));
        var dunning = (await host.GetJsonAsync("/api/manage/workflows?type=Dunning&customer=beta"))["items"]!.AsArray();
        Assert.Equal(["dunning/beta/2026-01", "dunning/beta/2026-02"], dunning.Select(w => w!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(dunning, w => Assert.Equal("running", w!["status"]!.GetValue<string>()));

        // Each invoice is emailed once; a later request starts nothing more.
        await host.AdvanceAsync(DateTimeOffset.Parse("2026-03-10T00:10:00+08:00", CultureInfo.InvariantCulture));
        var invoiceMails = (await host.GetJsonAsync("/api/manage/outbox?limit=1000"))["items"]!.AsArray()
            .Where(m => m!["to"]!.GetValue<string>() == "billing@beta.test" && m["messageId"]!.GetValue<string>().StartsWith("invoice/", StringComparison.Ordinal));
        Assert.Equal(invoices.Values.Order(StringComparer.Ordinal).Select(n => "invoice/" + n), invoiceMails.Select(m => m!["messageId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await host.GetJsonAsync("/api/manage/workflows?type=Dunning&customer=beta"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_invoice_issued_late_is_dated_and_due_from_its_real_issue_and_no_reminder_or_suspension_fires_at_issue()
    {
        await using var host = await PostpaidBasicsAsync();

        // Added on 2026-03-10 with an account backdated to January: January is settled five weeks after its scheduled
        // instant; dated as scheduled, it would be due on 2026-03-03 and its reminders already past.
        var created = DateTimeOffset.Parse("2026-03-10T00:00:00+08:00", CultureInfo.InvariantCulture);
        await host.SendAsync(HttpMethod.Put, "/api/manage/customers/beta", new JsonObject
        {
            ["name"] = "Beta Co", ["email"] = "billing@beta.test", ["plan"] = "api-standard", ["startsAt"] = "2026-01-01T00:00:00+08:00",
        });
        await host.AdvanceAsync(DateTimeOffset.Parse("2026-03-10T00:05:00+08:00", CultureInfo.InvariantCulture));

        var january = (await host.GetJsonAsync("/api/customers/beta/invoices")).AsArray().Single(i => i!["period"]!.GetValue<string>() == "2026-01")!;
        var issuedAt = january["issuedAt"]!.GetValue<DateTimeOffset>();
        Assert.True(issuedAt >= created, $"issued at {issuedAt:o}, before the customer was created");
        Assert.Equal(issuedAt.AddDays(30), january["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Empty((await host.GetJsonAsync("/api/customers/beta/timeline")).AsArray());
        var dunning = (await host.GetJsonAsync("/api/manage/workflows?type=Dunning&customer=beta"))["items"]!.AsArray().Single(w => w!["id"]!.GetValue<string>() == "dunning/beta/2026-01")!;
        Assert.Equal(issuedAt.AddDays(27), dunning["customStatus"]!["nextAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task A_payment_is_acknowledged_with_one_receipt_in_the_payer_s_language_showing_what_is_still_due()
    {
        await using var host = await PostpaidBasicsAsync();
        var invoices = (await host.GetJsonAsync("/api/customers/acme/invoices")).AsArray();
        var january = invoices.Single(i => i!["period"]!.GetValue<string>() == "2026-01")!["number"]!.GetValue<string>();

        // The scenario's payment (pay-1, 1220.00 for January), delivered again: still one receipt.
        await host.SendAsync(HttpMethod.Post, "/api/payments", JsonNode.Parse("""{"id":"pay-1","customer":"acme","at":"2026-02-20T10:00:00+08:00","amount":"1220.00","period":"2026-01"}""")!.AsObject());
        var receipts = await ReceiptsAsync(host);
        var receipt = Assert.Single(receipts);
        Assert.Equal("receipt/acme/pay-1.eml", receipt["name"]!.GetValue<string>());
        Assert.Equal(("billing@acme.test", "Payment received: 1,220.00 CNY"), (receipt["to"]!.GetValue<string>(), receipt["subject"]!.GetValue<string>()));
        var body = TextBody(await host.GetBytesAsync("/api/manage/outbox/receipt/acme/pay-1.eml"));

        // Sent when the payment was recorded (2026-02-20, before February was invoiced): January paid, nothing more due.
        Assert.Contains("We received your payment pay-1 of 1,220.00 CNY on 2026-02-20 10:00 (Asia/Shanghai), applied to the invoice for 2026-01.", body, StringComparison.Ordinal);
        Assert.Contains($"  {january} (2026-01): paid\n\nBalance due: 0.00 CNY", body, StringComparison.Ordinal);

        // A Chinese-speaking customer's receipt is in Chinese.
        await host.SendAsync(HttpMethod.Put, "/api/manage/customers/yunji", new JsonObject
        {
            ["name"] = "云计", ["email"] = "finance@yunji.test", ["plan"] = "api-standard", ["locale"] = "zh-CN", ["startsAt"] = "2026-03-01T00:00:00+08:00",
        });
        await host.SendAsync(HttpMethod.Post, "/api/payments", JsonNode.Parse("""{"id":"prepay-1","customer":"yunji","at":"2026-03-09T10:00:00+08:00","amount":"50.00"}""")!.AsObject());
        var chinese = Assert.Single(await ReceiptsAsync(host), r => r["to"]!.GetValue<string>() == "finance@yunji.test");
        Assert.Equal("已收到付款：50.00 CNY", chinese["subject"]!.GetValue<string>());
        Assert.Contains("尚需支付：0.00 CNY", TextBody(await host.GetBytesAsync("/api/manage/outbox/receipt/yunji/prepay-1.eml")), StringComparison.Ordinal);
    }

    /// <summary>A host that has played the shared <c>postpaid-basics</c> example (Acme: January paid, February open).</summary>
    /// <summary>One customer, <c>quiet</c>, invoiced 10.00 USD for January under a catalog whose ladder has no steps (dunning off).</summary>
    private static JsonObject DunningOffScenario() => JsonNode.Parse("""
        {"start":"2026-01-01T00:00:00Z","end":"2026-02-10T00:00:00Z","timezone":"UTC","currency":"USD",
         "meters":[{"code":"calls","aggregation":"sum","property":"quantity"}],
         "plans":[{"code":"p","period":"month","paymentTermsDays":10,"charges":[{"code":"base","model":"flat","amount":"10.00"}]}],
         "dunning":{"steps":[]},
         "customers":[{"id":"quiet","plan":"p"}]}
        """)!.AsObject();

    /// <summary>The payment of <c>quiet</c>'s January invoice in full.</summary>
    private static JsonObject QuietPayment() =>
        JsonNode.Parse("""{"id":"pay-quiet","customer":"quiet","at":"2026-02-05T00:00:00Z","amount":"10.00","period":"2026-01"}""")!.AsObject();

    /// <summary>The customer's one dunning instance once it has completed, or as it stands after 30 s.</summary>
    private static Task<JsonNode> CompletedDunningAsync(ScenarioHost host, string customer) =>
        Eventually.UntilAsync(
            async () => Assert.Single((await host.GetJsonAsync("/api/manage/workflows?type=Dunning&customer=" + customer))["items"]!.AsArray())!,
            w => w["status"]!.GetValue<string>() == "completed",
            TimeSpan.FromSeconds(30));

    private static async Task<ScenarioHost> PostpaidBasicsAsync()
    {
        var scenario = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.SharedScenarios, "postpaid-basics.json")))!.AsObject();
        var host = await ScenarioHost.StartAsync(scenario);
        await host.PlayAsync(scenario);
        return host;
    }

    /// <summary>The plain-text body of an .eml from the outbox, read by MimeKit.</summary>
    private static string TextBody(byte[] eml)
    {
        using var stream = new MemoryStream(eml);
        return MimeKit.MimeMessage.Load(stream).TextBody ?? throw new InvalidOperationException("the email has no text body");
    }

    private static async Task<List<JsonNode>> ReceiptsAsync(ScenarioHost host) =>
        (await host.GetJsonAsync("/api/manage/outbox?limit=1000&prefix=receipt/"))["items"]!.AsArray().Select(m => m!).ToList();

}
