namespace Billing.Storage.Invoicing;

/// <summary>
/// An issued invoice as indexed in the <c>invoices</c> table: who, which (the engine's key, e.g. <c>usage/2026-01</c>),
/// its number, totals and payment standing, and the names of its JSON, PDF and HTML blobs (write-once, in the
/// <c>invoices</c> container). <see cref="Json"/> is the invoice in the scenario outcome shape plus its number.
/// <see cref="Delivered"/> says it has been rendered, stored and emailed. <see cref="PaidNoticePending"/> says it became
/// paid and its dunning has not been told yet: set in the write that makes it paid, cleared once the notice is sent, so
/// a crash between the two sends it later instead of losing it.
/// </summary>
public sealed record StoredInvoice(
    string Customer,
    string Key,
    string Number,
    string Kind,
    string? Period,
    DateTimeOffset IssuedAt,
    DateTimeOffset DueAt,
    string Currency,
    decimal Total,
    decimal Paid,
    string Status,
    string Json,
    bool Delivered = false,
    bool PaidNoticePending = false);
