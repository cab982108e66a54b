using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Billing.Domain.Accounts;
using Billing.Application.Accounts;
using Billing.Application.Configuration;
using Billing.Storage.Collections;
using Billing.Storage.Customers;
using Billing.Storage.Invoicing;
using Billing.Storage.Payments;
using Microsoft.Extensions.Options;

namespace Billing.Application.Collections;

/// <summary>
/// The export taken before a suspension: a zip of JSON files: <c>customer.json</c> (the customer document),
/// <c>invoices.jsonl</c>, <c>payments.jsonl</c>, <c>timeline.jsonl</c>, and, for each meter of its plan, the hourly
/// aggregates and the raw events of the retention window (<c>Billing:MaxEventAgeDays</c> before the backup).
/// Entries are written in a fixed order with fixed timestamps, so the same data gives the same bytes.
/// </summary>
public sealed class CustomerBackup(
    CustomerStore customers,
    InvoiceStore invoices,
    PaymentStore payments,
    TimelineStore timeline,
    BillingDirectory directory,
    TenantUsage usage,
    IOptions<BillingOptions> options)
{
    public async Task<byte[]> BuildAsync(Customer customer, DateTimeOffset takenAt, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var profile = await customers.GetAsync(customer.Id, ct);
            Write(zip, "customer.json", profile?.Json ?? "{}", takenAt);
            Write(zip, "invoices.jsonl", Lines((await invoices.ForCustomerAsync(customer.Id, ct)).Select(i => JsonDocument.Parse(i.Json).RootElement.GetRawText())), takenAt);
            Write(zip, "payments.jsonl", Lines((await payments.ForCustomerAsync(customer.Id, ct)).Select(p => JsonSerializer.Serialize(p))), takenAt);
            Write(zip, "timeline.jsonl", Lines((await timeline.ForCustomerAsync(customer.Id, ct)).Select(e => JsonSerializer.Serialize(e))), takenAt);

            var catalog = await directory.CatalogAsync(ct);
            if (catalog is not null && catalog.Catalog.Plans.TryGetValue(customer.PlanCode, out var plan))
            {
                var queries = await usage.QueriesAsync(ct);
                var from = takenAt.AddDays(-options.Value.MaxEventAgeDays);
                foreach (var meter in plan.Charges.Select(c => c.Meter).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                {
                    var hours = await queries.HourlyAsync(customer.Id, meter, catalog.Calendar.LocalDate(from), catalog.Calendar.LocalDate(takenAt), ct);
                    Write(zip, $"usage/{meter}.hours.jsonl", Lines(hours.Select(h => JsonSerializer.Serialize(new { start = h.Start, usage = h.Usage }))), takenAt);
                    var events = await queries.EventsAsync(customer.Id, meter, from, takenAt, ct);
                    Write(zip, $"usage/{meter}.events.jsonl", Lines(events.Select(e => e.Body)), takenAt);
                }
            }
        }

        return buffer.ToArray();
    }

    private static string Lines(IEnumerable<string> lines) => string.Concat(lines.Select(l => l + "\n"));

    private static void Write(ZipArchive zip, string name, string content, DateTimeOffset at)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = at;
        using var stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }
}
