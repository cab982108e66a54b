using Billing.Domain.Accounts;
using Billing.Domain.Periods;
using Billing.Storage.Invoicing;
using Billing.Workflows.Scenarios;

namespace Billing.Application.Accounts;

/// <summary>
/// What an account's issued usage invoices fix. An issued invoice is never priced again, so a change to a customer
/// document that would change a period already invoiced is refused at the door (409 naming the field, nothing stored):
/// once the account the customer is billed through has a usage invoice, its <c>startsAt</c>, <c>parent</c> and
/// <c>childBilling</c> stay as they are (moving them would issue or re-bill periods around the invoiced ones), and a pack
/// added may not be valid before the end of the latest invoiced period (usage up to then is billed, and the pack would
/// be drawn down by it). Plans, tax, coupons, names and the rest may change: they apply from the next period settled.
/// </summary>
public static class SettledAccount
{
    /// <summary>The end of the latest usage period invoiced to <paramref name="invoicedId"/>; null while none is.</summary>
    public static async Task<DateTimeOffset?> InvoicedUntilAsync(InvoiceStore invoices, CatalogSnapshot catalog, string invoicedId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        ArgumentNullException.ThrowIfNull(catalog);
        DateTimeOffset? until = null;
        foreach (var invoice in await invoices.ForCustomerAsync(invoicedId, ct))
        {
            if (invoice is { Kind: "usage", Period: { } name }
                && catalog.Calendar.TryParse(name, name.Contains('Q', StringComparison.Ordinal) ? PeriodUnit.Quarter : PeriodUnit.Month) is { } period
                && (until is null || period.End > until))
            {
                until = period.End;
            }
        }

        return until;
    }

    /// <summary>
    /// The field an update from <paramref name="stored"/> to <paramref name="updated"/> may not change once the stored
    /// account has been invoiced, and why; null when it changes none of them.
    /// </summary>
    public static (string Field, string Problem)? FixedFieldChange(Customer stored, Customer updated)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(updated);
        const string Why = "cannot change once the account has been invoiced (periods already invoiced are never billed again)";
        return stored.StartsAt != updated.StartsAt ? ("startsAt", $"{Why}; it stays {OutcomeWriter.Instant(stored.StartsAt)}")
            : stored.ParentId != updated.ParentId ? ("parent", Why)
            : stored.ChildBilling != updated.ChildBilling ? ("childBilling", Why)
            : null;
    }

    /// <summary>The first of <paramref name="added"/> valid before <paramref name="invoicedUntil"/>, as a problem naming its field; null when none is.</summary>
    public static (string Code, string Problem)? PackBeforeInvoiced(IEnumerable<Domain.Packs.PrepaidPack> added, DateTimeOffset? invoicedUntil)
    {
        ArgumentNullException.ThrowIfNull(added);
        var early = invoicedUntil is { } until ? added.FirstOrDefault(p => p.ValidFrom < until) : null;
        return early is null
            ? null
            : (early.Code, $"before {OutcomeWriter.Instant(invoicedUntil!.Value)}, the end of the latest period already invoiced: usage up to then is billed and would draw the pack down");
    }
}
