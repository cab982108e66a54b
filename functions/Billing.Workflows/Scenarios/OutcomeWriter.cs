using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Billing.Domain.Invoicing;
using Billing.Domain.Money;
using Billing.Domain.Ordering;
using Billing.Domain.Payments;
using Billing.Workflows.Simulation;
using Billing.Workflows.Timeline;

namespace Billing.Workflows.Scenarios;

/// <summary>
/// Writes a run's outcome in the scenario format's shape: amounts as strings with the currency's decimals,
/// quantities as plain decimal strings, instants in UTC (<c>2026-02-01T16:00:00Z</c>). Byte-identical for
/// the same outcome.
/// </summary>
public static class OutcomeWriter
{
    public static string Write(SimulationOutcome outcome, Currency currency)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("invoices");
            foreach (var receivable in outcome.Invoices)
            {
                WriteInvoice(json, receivable, number: null);
            }

            json.WriteEndArray();
            json.WriteStartArray("packs");
            foreach (var pack in outcome.Packs)
            {
                json.WriteStartObject();
                json.WriteString("customer", pack.Customer);
                json.WriteString("code", pack.Code);
                json.WriteString("remaining", Quantity(pack.Remaining));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("credit");
            foreach (var (customer, amount) in outcome.Credit.OrderBy(c => c.Key, CodePointOrder.Instance))
            {
                json.WriteStartObject();
                json.WriteString("customer", customer);
                json.WriteString("amount", currency.Format(amount));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("timeline");
            foreach (var entry in outcome.Timeline)
            {
                WriteEntry(json, entry);
            }

            json.WriteEndArray();
            json.WriteStartArray("rejectedEvents");
            foreach (var rejection in outcome.RejectedEvents)
            {
                json.WriteStartObject();
                json.WriteString("id", rejection.Id);
                json.WriteString("reason", rejection.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>One invoice in the outcome shape; <paramref name="number"/> is added first when the invoice has been numbered.</summary>
    public static void WriteInvoice(Utf8JsonWriter json, Receivable receivable, string? number)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(receivable);
        var invoice = receivable.Invoice;
        json.WriteStartObject();
        if (number is not null)
        {
            json.WriteString("number", number);
        }

        json.WriteString("customer", invoice.Customer);
        json.WriteString("kind", invoice.Kind == InvoiceKind.Usage ? "usage" : "prepaid");
        WriteNullable(json, "period", invoice.Period);
        json.WriteString("issuedAt", Instant(invoice.IssuedAt));
        json.WriteString("dueAt", Instant(invoice.DueAt));
        json.WriteString("currency", invoice.Currency.Code);
        json.WriteStartArray("lines");
        foreach (var line in invoice.Lines)
        {
            json.WriteStartObject();
            json.WriteString("code", line.Code);
            json.WriteString("quantity", Quantity(line.Quantity));
            json.WriteString("amount", invoice.Currency.Format(line.Amount));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("subtotal", invoice.Currency.Format(invoice.Totals.Subtotal));
        json.WriteString("discount", invoice.Currency.Format(invoice.Totals.Discount));
        json.WriteString("tax", invoice.Currency.Format(invoice.Totals.Tax));
        json.WriteString("total", invoice.Currency.Format(invoice.Totals.Total));
        json.WriteString("paid", invoice.Currency.Format(receivable.Paid));
        json.WriteString("status", receivable.IsPaid ? "paid" : "open");
        json.WriteEndObject();
    }

    /// <summary>One invoice as a JSON document (indented, byte-identical for the same invoice and standing).</summary>
    public static string Invoice(Receivable receivable, string? number)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteInvoice(json, receivable, number);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>An instant in UTC with second precision, fractions only when present.</summary>
    public static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>A quantity without trailing zeros (<c>120000</c>, <c>12.3</c>).</summary>
    public static string Quantity(decimal quantity) =>
        (quantity / 1.000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static void WriteEntry(Utf8JsonWriter json, TimelineEntry entry)
    {
        json.WriteStartObject();
        json.WriteString("customer", entry.Customer);
        json.WriteString("at", Instant(entry.At));
        json.WriteString("action", entry.Action);
        WriteNullable(json, "period", entry.Period);
        WriteNullable(json, "pack", entry.Pack);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
