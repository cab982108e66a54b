using System.ComponentModel;

namespace Billing.Functions.OpenApi.Contracts;

/// <summary>The body of <c>POST /api/payments</c>: a scenario-format payment.</summary>
public sealed record PaymentRequest(
    [property: Description("The payment's id; a repeat with the same content is idempotent.")] string Id,
    [property: Description("The paying customer's id.")] string Customer,
    [property: Description("A positive decimal string with no more decimals than the currency, e.g. \"100.00\"; never rounded.")] string Amount,
    [property: Description("When it was paid (ISO 8601, not in the future); default now.")] DateTimeOffset? At = null,
    [property: Description("The billing period it pays (2026-01 or 2026-Q1); default the oldest open invoices first.")] string? Period = null,
    [property: Description("ISO 4217 code; must be the catalog's when given.")] string? Currency = null);

/// <summary>The answer to <c>POST /api/payments</c>: the payment's id and whether this request recorded it.</summary>
public sealed record PaymentRecorded(string Id, [property: Description("False for an identical repeat.")] bool Recorded);

/// <summary>The body of <c>POST /api/manage/invoices/{number}/payment-plan</c>.</summary>
public sealed record PaymentPlanRequest(IReadOnlyList<InstallmentRequest> Installments);

/// <summary>One installment: an amount in the invoice's currency, due at an instant after now (in order).</summary>
public sealed record InstallmentRequest(
    [property: Description("A positive decimal string with no more decimals than the currency.")] string Amount,
    DateTimeOffset DueAt);

/// <summary>The answer to a payment plan: the invoice and its installments.</summary>
public sealed record PaymentPlanAnswer(string Invoice, IReadOnlyList<InstallmentRequest> Installments);
