using System.Globalization;
using System.Text.Json.Nodes;
using Billing.Domain.Tests.Support;
using Billing.Workflows.Scenarios;

namespace Billing.Functions.Tests.Settlement;

/// <summary>
/// An issued invoice is never re-priced: after January is settled and paid, a change to the catalog or to the customer
/// document leaves January's invoice, its standing and its timeline as they were, and the next period follows the new
/// documents as the scenario format prices them (a catalog version from the first period that starts after it is
/// published; a customer document from the period it is changed in).
/// </summary>
public sealed class DocumentChangeTests
{
    private static readonly DateTimeOffset ChangedAt = At("2026-02-10T00:00:00Z");

    public static TheoryData<string> Changes() => ["price", "plan", "taxRate", "coupon", "creditLimit", "ladder", "email"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_change_after_a_settled_and_paid_period_leaves_it_as_issued_and_prices_the_next_period_by_the_new_documents(string change)
    {
        var settings = new Dictionary<string, string>
        {
            ["Billing__DunningLadders__high__0__AfterDueDays"] = "-29",
            ["Billing__DunningLadders__high__0__Action"] = "remind",
            ["Billing__DunningLadders__high__1__AfterDueDays"] = "20",
            ["Billing__DunningLadders__high__1__Action"] = "suspend",
        };
        await using var host = await ScenarioHost.StartAsync(JsonNode.Parse("""{"start":"2026-01-01T00:00:00Z"}""")!.AsObject(), settings: settings);
        await host.SendAsync(HttpMethod.Put, "/api/manage/catalog", Catalog("0.10"));
        await host.SendAsync(HttpMethod.Put, "/api/manage/customers/acme", Customer());

        // January: 100 calls at 0.10 = 10.00, less 10 % = 9.00, invoiced on Feb 1 and paid in full on Feb 5.
        await host.AdvanceAsync(At("2026-01-10T00:00:00Z"));
        await host.PostUsageAsync(Calls("j1", "2026-01-10T00:00:00Z"));
        await host.AdvanceAsync(At("2026-02-05T00:00:00Z"));
        await host.SendAsync(HttpMethod.Post, "/api/payments", Payment());
        await host.AdvanceAsync(ChangedAt);
        var january = await InvoiceAsync(host, "2026-01");
        Assert.Equal(("9.00", "paid"), (january["total"]!.GetValue<string>(), january["status"]!.GetValue<string>()));
        var timelineBefore = await TimelineAsync(host);

        var (catalog, customer) = Change(change);
        if (catalog is not null)
        {
            await host.SendAsync(HttpMethod.Put, "/api/manage/catalog", catalog);
        }

        await host.SendAsync(HttpMethod.Put, "/api/manage/customers/acme", customer);
        await host.AdvanceAsync(At("2026-02-15T00:00:00Z"));
        await host.PostUsageAsync(Calls("f1", "2026-02-15T00:00:00Z"));
        await host.AdvanceAsync(At("2026-03-15T00:00:00Z"));
        await host.PostUsageAsync(Calls("m1", "2026-03-15T00:00:00Z"));
        await host.AdvanceAsync(At("2026-04-05T00:00:00Z"));

        // January stands as issued and paid; nothing was added to its timeline, nor before the change.
        Assert.Equal(january.ToJsonString(), (await InvoiceAsync(host, "2026-01")).ToJsonString());
        var timeline = await TimelineAsync(host);
        Assert.Equal(Keys(timelineBefore), Keys(timeline.Where(e => Instant(e) < ChangedAt || e["period"]?.GetValue<string>() == "2026-01")));

        // The next period (March for a catalog version, published after February started; February otherwise) is the
        // scenario runner's for the new documents, and so is the timeline from then on.
        var next = catalog is null ? "2026-02" : "2026-03";
        var (_, expectedJson) = ScenarioRun.Execute(RunnerScenario(catalog ?? Catalog("0.10"), customer).ToJsonString());
        var expected = JsonNode.Parse(expectedJson)!;
        var expectedInvoice = expected["invoices"]!.AsArray().Single(i => i!["period"]?.GetValue<string>() == next)!;
        Assert.Empty(OutcomeComparison.Differences(Invoices(expectedInvoice), Invoices(await InvoiceAsync(host, next))));
        var expectedLater = expected["timeline"]!.AsArray().Where(e => Later(e!, next)).Select(e => e!).ToList();
        Assert.Equal(Keys(expectedLater), Keys(timeline.Where(e => Later(e, next))));

        if (change == "email")
        {
            var outbox = (await host.GetJsonAsync("/api/manage/outbox?limit=1000&prefix=invoice/"))["items"]!.AsArray();
            var recipients = outbox.ToDictionary(m => m!["messageId"]!.GetValue<string>(), m => m!["to"]!.GetValue<string>());
            Assert.Equal("billing@acme.test", recipients["invoice/" + january["number"]!.GetValue<string>()]);
            Assert.Equal("accounts@acme.test", recipients["invoice/" + (await InvoiceAsync(host, "2026-02"))["number"]!.GetValue<string>()]);
        }
    }

    [Fact]
    public async Task Reminders_of_an_unpaid_period_go_to_the_email_in_force_for_it_and_the_next_invoice_to_the_new_one()
    {
        await using var host = await JanuaryInvoicedAsync();
        var changed = Customer();
        changed["email"] = "accounts@acme.test";
        await host.SendAsync(HttpMethod.Put, "/api/manage/customers/acme", changed);

        // January (unpaid, due Mar 3) is reminded on Feb 28 and Mar 3 at January's address; February is invoiced to the new one.
        await host.AdvanceAsync(At("2026-03-05T00:00:00Z"));
        var outbox = (await host.GetJsonAsync("/api/manage/outbox?limit=1000"))["items"]!.AsArray().Select(m => (Id: m!["messageId"]!.GetValue<string>(), To: m["to"]!.GetValue<string>())).ToList();
        var reminders = outbox.Where(m => m.Id.StartsWith("remind/acme/2026-01/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, reminders.Count);
        Assert.All(reminders, m => Assert.Equal("billing@acme.test", m.To));
        var february = (await InvoiceAsync(host, "2026-02"))["number"]!.GetValue<string>();
        Assert.Equal("accounts@acme.test", Assert.Single(outbox, m => m.Id == "invoice/" + february).To);
    }

    /// <summary>The new catalog (null when it stays) and the new customer document for a change.</summary>
    private static (JsonObject? Catalog, JsonObject Customer) Change(string change)
    {
        var customer = Customer();
        JsonObject? catalog = null;
        switch (change)
        {
            case "price":
                catalog = Catalog("0.20");
                break;
            case "plan":
                customer["plan"] = "pro";
                break;
            case "taxRate":
                customer["taxRate"] = "0.20";
                break;
            case "coupon":
                customer["coupons"] = new JsonArray();
                break;
            case "creditLimit":
                customer["creditLimit"] = "12.00";
                break;
            case "ladder":
                customer["riskLevel"] = "high";
                break;
            case "email":
                customer["email"] = "accounts@acme.test";
                break;
        }

        return (catalog, customer);
    }

    /// <summary>The whole story as a scenario file with the new documents throughout.</summary>
    [Fact]
    public async Task Once_the_account_is_invoiced_its_start_and_parent_stay_and_no_pack_may_draw_on_invoiced_usage()
    {
        await using var host = await ScenarioHost.StartAsync(JsonNode.Parse("""{"start":"2026-01-01T00:00:00Z"}""")!.AsObject());
        await host.SendAsync(HttpMethod.Put, "/api/manage/catalog", Catalog("0.10"));
        var acme = Customer();
        acme["startsAt"] = "2026-01-10T00:00:00Z";

        // Before any invoice the start may still move.
        await host.SendAsync(HttpMethod.Put, "/api/manage/customers/acme", Customer());
        await host.SendAsync(HttpMethod.Put, "/api/manage/customers/acme", acme);
        await host.SendAsync(HttpMethod.Put, "/api/manage/customers/other", Customer());
        await host.AdvanceAsync(At("2026-01-12T00:00:00Z"));
        await host.PostUsageAsync(Calls("j1", "2026-01-12T00:00:00Z"));
        await host.AdvanceAsync(ChangedAt);
        var invoices = (await host.GetJsonAsync("/api/customers/acme/invoices")).ToJsonString();

        var earlier = (JsonObject)acme.DeepClone();
        earlier["startsAt"] = "2025-06-01T00:00:00Z";
        var child = (JsonObject)acme.DeepClone();
        child["parent"] = "other";
        child["childBilling"] = "pooled";
        var renamed = (JsonObject)acme.DeepClone();
        renamed["name"] = "Acme Ltd";
        var early = JsonNode.Parse("""
            {"code":"late","meter":"api_calls","quantity":"1000","price":"5.00","purchasedAt":"2026-02-10T00:00:00Z",
             "validFrom":"2026-01-15T00:00:00Z","validTo":"2026-04-01T00:00:00Z","allocation":"once"}
            """)!.AsObject();
        var onTime = (JsonObject)early.DeepClone();
        onTime["code"] = "now";
        onTime["validFrom"] = "2026-02-01T00:00:00Z";

        foreach (var (document, field) in new[] { (earlier, "startsAt"), (child, "parent") })
        {
            using var refused = await host.TrySendAsync(HttpMethod.Put, "/api/manage/customers/acme", document);
            Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
            Assert.NotNull(JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]![field]);
        }

        using (var refusedPack = await host.TrySendAsync(HttpMethod.Post, "/api/manage/customers/acme/packs", early))
        {
            Assert.Equal(System.Net.HttpStatusCode.Conflict, refusedPack.StatusCode);
            Assert.NotNull(JsonNode.Parse(await refusedPack.Content.ReadAsStringAsync())!["errors"]!["validFrom"]);
        }

        await host.SendAsync(HttpMethod.Put, "/api/manage/customers/acme", renamed);
        await host.SendAsync(HttpMethod.Post, "/api/manage/customers/acme/packs", onTime);
        await host.AdvanceAsync(At("2026-02-20T00:00:00Z"));

        // Nothing issued or re-billed for the invoiced periods; the pack that was sold is invoiced on its own.
        var after = (await host.GetJsonAsync("/api/customers/acme/invoices")).AsArray();
        Assert.Equal(invoices, new JsonArray([.. after.Where(i => i!["kind"]!.GetValue<string>() == "usage").Select(i => i!.DeepClone())]).ToJsonString());
        Assert.Single(after, i => i!["kind"]!.GetValue<string>() == "prepaid");
    }

    [Fact]
    public async Task Late_usage_of_a_period_is_priced_by_the_catalog_version_that_priced_the_period()
    {
        // January is priced at 0.10 on February 1; a tenfold price published on February 10 prices March on.
        await using var host = await JanuaryInvoicedAsync();
        await host.SendAsync(HttpMethod.Put, "/api/manage/catalog", Catalog("1.00"));

        // 100 calls of January arrive on March 2, after January and February were invoiced: March's invoice bills them late.
        await host.AdvanceAsync(At("2026-03-02T00:00:00Z"));
        await host.PostUsageAsync(Calls("j-late", "2026-01-31T23:00:00Z"));
        await host.AdvanceAsync(At("2026-04-02T00:00:00Z"));

        var march = await InvoiceAsync(host, "2026-03");
        var late = march["lines"]!.AsArray().Single(l => l!["code"]!.GetValue<string>() == "calls@2026-01")!;
        Assert.Equal(("100", 10.00m), (late["quantity"]!.GetValue<string>(), decimal.Parse(late["amount"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>A host where acme's January (100 calls at 0.10) was invoiced on February 1, its clock at <see cref="ChangedAt"/>.</summary>
    private static async Task<ScenarioHost> JanuaryInvoicedAsync()
    {
        var host = await ScenarioHost.StartAsync(JsonNode.Parse("""{"start":"2026-01-01T00:00:00Z"}""")!.AsObject());
        try
        {
            await host.SendAsync(HttpMethod.Put, "/api/manage/catalog", Catalog("0.10"));
            await host.SendAsync(HttpMethod.Put, "/api/manage/customers/acme", Customer());
            await host.AdvanceAsync(At("2026-01-10T00:00:00Z"));
            await host.PostUsageAsync(Calls("j1", "2026-01-10T00:00:00Z"));
            await host.AdvanceAsync(ChangedAt);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private static JsonObject RunnerScenario(JsonObject catalog, JsonObject customer)
    {
        var scenario = (JsonObject)catalog.DeepClone();
        scenario["start"] = "2026-01-01T00:00:00Z";
        scenario["end"] = "2026-04-05T00:00:01Z";
        var document = (JsonObject)customer.DeepClone();
        document["id"] = "acme";
        scenario["customers"] = new JsonArray(document);
        scenario["events"] = new JsonArray(Calls("j1", "2026-01-10T00:00:00Z"), Calls("f1", "2026-02-15T00:00:00Z"), Calls("m1", "2026-03-15T00:00:00Z"));
        scenario["payments"] = new JsonArray(Payment());
        scenario["dunningLadders"] = JsonNode.Parse("""{"high":{"steps":[{"afterDueDays":-29,"action":"remind"},{"afterDueDays":20,"action":"suspend"}]}}""");
        return scenario;
    }

    private static JsonObject Catalog(string unitPrice) => JsonNode.Parse($$"""
        {"timezone":"UTC","currency":"USD","meters":[{"code":"api_calls","aggregation":"sum","property":"quantity"}],
         "plans":[{"code":"std","period":"month","paymentTermsDays":30,"charges":[{"code":"calls","meter":"api_calls","model":"per_unit","unitPrice":"{{unitPrice}}"}]},
                  {"code":"pro","period":"month","paymentTermsDays":30,"charges":[{"code":"calls","meter":"api_calls","model":"per_unit","unitPrice":"0.05"},
                                                                                   {"code":"platform","model":"flat","amount":"8.00"}]}]}
        """)!.AsObject();

    private static JsonObject Customer() => JsonNode.Parse("""
        {"name":"Acme","email":"billing@acme.test","plan":"std","startsAt":"2026-01-01T00:00:00Z","taxRate":"0",
         "creditLimit":"100.00","coupons":[{"code":"WELCOME","percentOff":"10","periods":12}]}
        """)!.AsObject();

    private static JsonObject Payment() =>
        new() { ["id"] = "pay-jan", ["customer"] = "acme", ["at"] = "2026-02-05T00:00:00Z", ["amount"] = "9.00", ["period"] = "2026-01" };

    private static JsonObject Calls(string id, string at) =>
        new() { ["id"] = id, ["customer"] = "acme", ["meter"] = "api_calls", ["at"] = at, ["properties"] = new JsonObject { ["quantity"] = 100 } };

    private static async Task<JsonObject> InvoiceAsync(ScenarioHost host, string period) =>
        (await host.GetJsonAsync("/api/customers/acme/invoices")).AsArray().Single(i => i!["period"]?.GetValue<string>() == period)!.AsObject();

    private static async Task<List<JsonNode>> TimelineAsync(ScenarioHost host) =>
        (await host.GetJsonAsync("/api/customers/acme/timeline")).AsArray().Select(e => e!).ToList();

    /// <summary>An invoice as a one-invoice outcome, without what was paid on it (the runner's January standing differs).</summary>
    private static string Invoices(JsonNode invoice)
    {
        var copy = (JsonObject)invoice.DeepClone();
        copy.Remove("number");
        copy["paid"] = "0";
        copy["status"] = "open";
        return new JsonObject { ["invoices"] = new JsonArray(copy) }.ToJsonString();
    }

    private static bool Later(JsonNode entry, string next) =>
        string.CompareOrdinal(entry["period"]?.GetValue<string>() ?? Period(Instant(entry)), next) >= 0;

    private static string Period(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static List<string> Keys(IEnumerable<JsonNode> entries) =>
        entries.Select(e => $"{e["at"]} {e["action"]} {e["period"]} {e["pack"]}").Order(StringComparer.Ordinal).ToList();

    private static DateTimeOffset Instant(JsonNode entry) => At(entry["at"]!.GetValue<string>());

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
