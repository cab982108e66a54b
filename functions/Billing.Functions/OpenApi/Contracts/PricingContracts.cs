using System.ComponentModel;
using System.Text.Json;

namespace Billing.Functions.OpenApi.Contracts;

/// <summary>The body of <c>POST /api/estimate</c>.</summary>
public sealed record EstimateRequest(
    [property: Description("A plan code of the catalog.")] string Plan,
    [property: Description("Meter code to quantity (a decimal string or number), or for a sum meter priced per event {\"transactions\", \"value\"}.")] IReadOnlyDictionary<string, JsonElement> Usage,
    [property: Description("A fraction between 0 and 1, e.g. \"0.06\".")] string? TaxRate = null);

/// <summary>One priced line: the charge, its quantity and amount as decimal strings.</summary>
public sealed record PricedLine(string Code, string Quantity, string Amount);

/// <summary>The answer to <c>POST /api/estimate</c>: a whole period priced by the billing engine.</summary>
public sealed record Estimate(string Plan, string Period, string Currency, IReadOnlyList<PricedLine> Lines, string Subtotal, string Tax, string Total);

/// <summary>The open period priced so far (dry run), before coupons.</summary>
public sealed record InvoicePreview(string Customer, string Period, DateTimeOffset AsOf, string Currency, IReadOnlyList<PricedLine> Lines, string Subtotal, string TaxBeforeDiscounts, string Note);
