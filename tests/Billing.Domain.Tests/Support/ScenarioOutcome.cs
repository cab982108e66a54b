using System.Globalization;
using System.Text.Json;

namespace Billing.Domain.Tests.Support;

/// <summary>One invoice line of an outcome, amounts as decimals.</summary>
internal sealed record OutcomeLine(string Code, decimal Quantity, decimal Amount);

/// <summary>One invoice of an outcome, as the scenario format writes it.</summary>
internal sealed record OutcomeInvoice(
    string Customer, string Kind, string? Period, string IssuedAt, string DueAt, string Currency,
    IReadOnlyList<OutcomeLine> Lines, decimal Subtotal, decimal Discount, decimal Tax, decimal Total, decimal Paid, string Status)
{
    public OutcomeLine Line(string code) =>
        Lines.SingleOrDefault(l => l.Code == code) ?? throw new InvalidOperationException($"no line '{code}' among {string.Join(", ", Lines.Select(l => l.Code))}");

    public bool IsPaid => Status == "paid";
}

/// <summary>
/// A scenario outcome read back from its JSON. Timeline entries read as <c>"2026-03-02T18:00:00Z remind 2026-01"</c>
/// (with <c>pack</c> appended for pack alerts), which keeps expected timelines short in tests.
/// </summary>
internal sealed class ScenarioOutcome
{
    private ScenarioOutcome(
        IReadOnlyList<OutcomeInvoice> invoices,
        IReadOnlyDictionary<string, decimal> packs,
        IReadOnlyDictionary<string, decimal> credit,
        IReadOnlyList<(string Customer, string Entry)> timeline,
        IReadOnlyDictionary<string, string> rejected)
    {
        Invoices = invoices;
        Packs = packs;
        Credit = credit;
        Timeline = timeline;
        Rejected = rejected;
    }

    public IReadOnlyList<OutcomeInvoice> Invoices { get; }

    /// <summary>Remaining quantity by <c>customer/pack</c>.</summary>
    public IReadOnlyDictionary<string, decimal> Packs { get; }

    /// <summary>Nonzero credit balances by customer.</summary>
    public IReadOnlyDictionary<string, decimal> Credit { get; }

    public IReadOnlyList<(string Customer, string Entry)> Timeline { get; }

    /// <summary>Rejection reasons by event id.</summary>
    public IReadOnlyDictionary<string, string> Rejected { get; }

    /// <summary>The one usage invoice of the customer for the period.</summary>
    public OutcomeInvoice Usage(string customer, string period) =>
        Invoices.SingleOrDefault(i => i.Customer == customer && i.Kind == "usage" && i.Period == period)
        ?? throw new InvalidOperationException($"no usage invoice of '{customer}' for {period}");

    public IReadOnlyList<OutcomeInvoice> UsageInvoices(string customer) =>
        Invoices.Where(i => i.Customer == customer && i.Kind == "usage").ToList();

    public IReadOnlyList<OutcomeInvoice> PrepaidInvoices(string customer) =>
        Invoices.Where(i => i.Customer == customer && i.Kind == "prepaid").ToList();

    /// <summary>The customer's timeline entries in outcome order.</summary>
    public IReadOnlyList<string> TimelineOf(string customer) =>
        Timeline.Where(t => t.Customer == customer).Select(t => t.Entry).ToList();

    public decimal CreditOf(string customer) => Credit.GetValueOrDefault(customer);

    public decimal PackRemaining(string customer, string pack) => Packs[customer + "/" + pack];

    public static ScenarioOutcome Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var invoices = root.GetProperty("invoices").EnumerateArray().Select(i => new OutcomeInvoice(
            S(i, "customer")!, S(i, "kind")!, S(i, "period"), S(i, "issuedAt")!, S(i, "dueAt")!, S(i, "currency")!,
            i.GetProperty("lines").EnumerateArray().Select(l => new OutcomeLine(S(l, "code")!, D(l, "quantity"), D(l, "amount"))).ToList(),
            D(i, "subtotal"), D(i, "discount"), D(i, "tax"), D(i, "total"), D(i, "paid"), S(i, "status")!)).ToList();
        var packs = root.GetProperty("packs").EnumerateArray()
            .ToDictionary(p => S(p, "customer") + "/" + S(p, "code"), p => D(p, "remaining"), StringComparer.Ordinal);
        var credit = root.GetProperty("credit").EnumerateArray()
            .ToDictionary(c => S(c, "customer")!, c => D(c, "amount"), StringComparer.Ordinal);
        var timeline = root.GetProperty("timeline").EnumerateArray()
            .Select(t => (S(t, "customer")!, string.Join(' ', new[] { S(t, "at"), S(t, "action"), S(t, "period"), S(t, "pack") }.Where(x => x is not null))))
            .ToList();
        var rejected = root.GetProperty("rejectedEvents").EnumerateArray()
            .ToDictionary(r => S(r, "id")!, r => S(r, "reason")!, StringComparer.Ordinal);
        return new ScenarioOutcome(invoices, packs, credit, timeline, rejected);
    }

    /// <summary>A decimal written as test data (<c>"10.08"</c>); attributes cannot hold decimals.</summary>
    public static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string? S(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static decimal D(JsonElement e, string name) => Dec(S(e, name) ?? throw new InvalidOperationException($"'{name}' missing"));
}
