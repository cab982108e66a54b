using System.Globalization;
using System.Text.Json.Nodes;
using Billing.Domain.Invoicing;
using Billing.Domain.Money;
using Billing.Storage.Invoicing;

namespace Billing.Application.Settlement;

/// <summary>A stored invoice as the engine's <see cref="Invoice"/>: its lines, totals and dates exactly as issued (lines without their pricing detail).</summary>
public static class IssuedInvoice
{
    public static Invoice From(StoredInvoice stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var json = JsonNode.Parse(stored.Json)!.AsObject();
        var lines = (json["lines"]?.AsArray() ?? [])
            .Select(l => new InvoiceLine(l!["code"]!.GetValue<string>(), Number(l["quantity"]), Number(l["amount"])))
            .ToList();
        var totals = new InvoiceTotals(Number(json["subtotal"]), Number(json["discount"]), Number(json["tax"]), stored.Total);
        return new Invoice(
            stored.Customer,
            stored.Kind == "prepaid" ? InvoiceKind.Prepaid : InvoiceKind.Usage,
            stored.Period,
            stored.IssuedAt,
            stored.DueAt,
            Currency.Of(stored.Currency),
            lines,
            totals,
            []) { Key = stored.Key };
    }

    private static decimal Number(JsonNode? node) =>
        node is null ? 0m : decimal.Parse(node.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture);
}
