namespace Billing.Application.Rendering;

/// <summary>
/// The page's inline style sheet: A4 print margins, system fonts only (DejaVu Sans and common CJK
/// families, then the browser's sans-serif), no external assets. It contains no <c>&lt;</c> or
/// <c>&amp;</c>, so the page stays well-formed XML.
/// </summary>
internal static class InvoiceHtmlStyle
{
    public const string Css = """
        @page { size: A4; margin: 15mm; }
        * { box-sizing: border-box; }
        body { margin: 0; color: #1d2329; background: #ffffff; font: 10pt/1.45 "DejaVu Sans", "Noto Sans CJK SC", "Droid Sans Fallback", "PingFang SC", "Microsoft YaHei", Arial, sans-serif; }
        .invoice { max-width: 190mm; margin: 0 auto; padding: 12mm 0; }
        p { margin: 0; }
        h1 { margin: 0; font-size: 22pt; letter-spacing: 0.02em; }
        h2 { margin: 0 0 2mm; font-size: 9pt; text-transform: uppercase; letter-spacing: 0.06em; color: #5b6670; }
        .top { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 2px solid #1d2329; padding-bottom: 4mm; }
        .issuer-name { font-weight: bold; font-size: 12pt; }
        .heading { text-align: right; }
        .kind, .status { color: #5b6670; }
        .number { font-weight: bold; font-size: 12pt; }
        .parties { display: flex; justify-content: space-between; align-items: flex-start; margin: 6mm 0; gap: 10mm; }
        .customer-name { font-weight: bold; }
        .bill-to { min-width: 0; overflow-wrap: anywhere; }
        table { border-collapse: collapse; }
        .facts th, .totals th, .payment-account th { text-align: left; font-weight: normal; color: #5b6670; padding: 0.5mm 4mm 0.5mm 0; }
        .facts td, .payment-account td { padding: 0.5mm 0; }
        .lines { width: 100%; margin-bottom: 4mm; }
        .lines thead th { text-align: left; border-bottom: 1px solid #1d2329; padding: 1.5mm 2mm; font-size: 9pt; }
        .lines td { padding: 1.2mm 2mm; vertical-align: top; }
        .lines tr.line td { border-top: 1px solid #d5dade; }
        .lines tr.detail td { padding-top: 0; padding-bottom: 0.6mm; font-size: 8.5pt; color: #5b6670; }
        .lines tr { break-inside: avoid; }
        .lines .num, .totals td { text-align: right; white-space: nowrap; }
        .code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
        .totals { margin-left: auto; min-width: 80mm; }
        .totals tr.strong th, .totals tr.strong td { font-weight: bold; color: #1d2329; border-top: 1px solid #1d2329; padding-top: 1.5mm; }
        .payment { margin-top: 8mm; padding-top: 3mm; border-top: 1px solid #d5dade; break-inside: avoid; }
        .payment p { margin-top: 2mm; color: #5b6670; }

        """;
}
