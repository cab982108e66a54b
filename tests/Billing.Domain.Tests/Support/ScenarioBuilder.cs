using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Workflows.Scenarios;
using JsonNode = System.Text.Json.Nodes.JsonNode;

namespace Billing.Domain.Tests.Support;

/// <summary>
/// Builds a small scenario document in a test: window, zone and currency first, then meters, plans,
/// customers, events and payments. <see cref="Run"/> plays it through <see cref="ScenarioRun.Execute"/>
/// and reads the outcome JSON back, so a test asserts on what a user of the runner would see.
/// </summary>
internal sealed class ScenarioBuilder
{
    private readonly JsonObject root;
    private readonly JsonArray meters = [];
    private readonly JsonArray plans = [];
    private readonly JsonArray customers = [];
    private readonly JsonArray events = [];
    private readonly JsonArray payments = [];

    private ScenarioBuilder(string start, string end, string timezone, string currency)
    {
        root = new JsonObject
        {
            ["start"] = start,
            ["end"] = end,
            ["timezone"] = timezone,
            ["currency"] = currency,
            ["meters"] = meters,
            ["plans"] = plans,
            ["customers"] = customers,
            ["events"] = events,
            ["payments"] = payments,
        };
    }

    /// <summary>A scenario window [start, end) in a zone and currency (UTC and USD unless told).</summary>
    public static ScenarioBuilder Window(string start, string end, string timezone = "UTC", string currency = "USD") =>
        new(start, end, timezone, currency);

    /// <summary>Sets a top-level property such as <c>lateArrivalGraceHours</c> or <c>dunning</c>.</summary>
    public ScenarioBuilder With(string name, JsonNode? value)
    {
        root[name] = value;
        return this;
    }

    public ScenarioBuilder Meter(string code, string aggregation = "sum", string? property = "quantity", string? roundingIncrement = null, string? roundingMode = null)
    {
        var meter = new JsonObject { ["code"] = code, ["aggregation"] = aggregation };
        if (property is not null)
        {
            meter["property"] = property;
        }

        if (roundingIncrement is not null)
        {
            meter["rounding"] = new JsonObject { ["increment"] = roundingIncrement, ["mode"] = roundingMode };
        }

        meters.Add(meter);
        return this;
    }

    /// <summary>A plan; <paramref name="extra"/> adds or overrides properties (<c>freeQuota</c>, <c>deductionOrder</c>).</summary>
    public ScenarioBuilder Plan(string code, JsonObject[] charges, string period = "month", int paymentTermsDays = 30, JsonObject? extra = null)
    {
        var plan = new JsonObject
        {
            ["code"] = code,
            ["period"] = period,
            ["paymentTermsDays"] = paymentTermsDays,
            ["charges"] = new JsonArray(charges.Select(c => (JsonNode?)c.DeepClone()).ToArray()),
        };
        Merge(plan, extra);
        plans.Add(plan);
        return this;
    }

    /// <summary>A customer on a plan; <paramref name="extra"/> adds properties (<c>taxRate</c>, <c>packs</c>, <c>parent</c>...).</summary>
    public ScenarioBuilder Customer(string id, string plan, JsonObject? extra = null)
    {
        var customer = new JsonObject { ["id"] = id, ["name"] = id, ["email"] = id + "@example.test", ["plan"] = plan };
        Merge(customer, extra);
        customers.Add(customer);
        return this;
    }

    /// <summary>A usage event of a sum meter whose property is <c>quantity</c>.</summary>
    public ScenarioBuilder Event(string id, string customer, string meter, string at, string quantity, string? receivedAt = null)
    {
        var properties = new JsonObject { ["quantity"] = JsonNode.Parse(quantity) };
        return Event(id, customer, meter, at, properties, receivedAt);
    }

    /// <summary>A usage event with the given properties (numbers as written, strings as JSON strings).</summary>
    public ScenarioBuilder Event(string id, string customer, string meter, string at, JsonObject? properties, string? receivedAt = null)
    {
        var usage = new JsonObject { ["id"] = id, ["customer"] = customer, ["meter"] = meter, ["at"] = at };
        if (properties is not null)
        {
            usage["properties"] = properties;
        }

        if (receivedAt is not null)
        {
            usage["receivedAt"] = receivedAt;
        }

        events.Add(usage);
        return this;
    }

    public ScenarioBuilder Payment(string id, string customer, string at, string amount, string? period = null)
    {
        var payment = new JsonObject { ["id"] = id, ["customer"] = customer, ["at"] = at, ["amount"] = amount };
        if (period is not null)
        {
            payment["period"] = period;
        }

        payments.Add(payment);
        return this;
    }

    public string ToJson() => root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public ScenarioOutcome Run() => ScenarioOutcome.Parse(ScenarioRun.Execute(ToJson()).Json);

    private static void Merge(JsonObject target, JsonObject? extra)
    {
        if (extra is null)
        {
            return;
        }

        foreach (var (name, value) in extra)
        {
            target[name] = value?.DeepClone();
        }
    }
}
