using Billing.Domain.Dunning;
using Billing.Domain.Ordering;
using Billing.Domain.Payments;
using Billing.Application.Accounts;
using Billing.Application.Configuration;
using Billing.Storage.Invoicing;
using Billing.Workflows.Simulation;
using Billing.Workflows.Timeline;

namespace Billing.Application.Settlement;

/// <summary>
/// An invoiced customer's account replayed up to an instant under the documents in force for each of its periods. A
/// settled period is governed by the documents its settlement snapshot recorded (the catalog version that priced it and
/// the customer documents as they stood when it was settled); the periods not settled yet by <see cref="Open"/> (the
/// current customer documents and the catalog version in force for the first of them). The account is replayed once
/// per distinct set of documents (usually one), each replay issuing every stored invoice as stored (an issued invoice
/// is never re-priced), except the usage invoices of the periods it governs, which it reproduces with their pricing
/// detail. Each period's collection and alert actions are taken from the replay under its documents: its dunning ladder,
/// credit limit, pack alerts, and the email and language they are sent in.
/// </summary>
public sealed class AccountReplays
{
    private readonly IReadOnlyList<SettlementSnapshot> history;
    private readonly Dictionary<string, AccountDocuments> settled;
    private readonly IReadOnlyList<StoredInvoice> stored;
    private readonly Func<AccountDocuments, IReadOnlyList<Domain.Invoicing.Invoice>, SimulationOutcome> replay;
    private readonly Dictionary<string, SimulationOutcome> outcomes = new(StringComparer.Ordinal);

    /// <param name="open">The documents of the periods not settled yet.</param>
    /// <param name="history">The settlement snapshots, in period order.</param>
    /// <param name="documents">The documents of each snapshot, by period (a snapshot missing here follows <paramref name="open"/>).</param>
    /// <param name="stored">The customer's stored invoices.</param>
    /// <param name="replay">Replays the account under a set of documents, issuing the given invoices as stored.</param>
    public AccountReplays(
        AccountDocuments open,
        IReadOnlyList<SettlementSnapshot> history,
        IReadOnlyDictionary<string, AccountDocuments> documents,
        IReadOnlyList<StoredInvoice> stored,
        Func<AccountDocuments, IReadOnlyList<Domain.Invoicing.Invoice>, SimulationOutcome> replay)
    {
        Open = open;
        this.history = history;
        this.stored = stored;
        this.replay = replay;
        settled = history.ToDictionary(s => s.Period, s => documents.GetValueOrDefault(s.Period) ?? open, StringComparer.Ordinal);
    }

    /// <summary>The documents of the periods not settled yet.</summary>
    public AccountDocuments Open { get; }

    /// <summary>The replay under <see cref="Open"/>: previews, exposure, pack purchases.</summary>
    public SimulationOutcome OpenOutcome => OutcomeUnder(Open);

    /// <summary>The documents that govern a period (by name).</summary>
    public AccountDocuments Governing(string period) => settled.GetValueOrDefault(period) ?? Open;

    /// <summary>The documents of the latest settled period (<see cref="Open"/> before the first settlement).</summary>
    public AccountDocuments Latest => history.Count == 0 ? Open : Governing(history[^1].Period);

    /// <summary>The dunning ladder the documents give the invoiced customer: its risk level's, else the catalog's.</summary>
    public static DunningPolicy LadderOf(AccountDocuments documents, DunningLadders ladders)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(ladders);
        return ladders.For(documents.Head.RiskLevel, documents.Catalog.Catalog.Dunning);
    }

    /// <summary>The replay under these documents (run once).</summary>
    public SimulationOutcome OutcomeUnder(AccountDocuments documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (!outcomes.TryGetValue(documents.Fingerprint, out var outcome))
        {
            var asStored = stored
                .Where(i => !(i is { Kind: "usage", Period: { } period } && Governing(period).Fingerprint == documents.Fingerprint))
                .Select(IssuedInvoice.From)
                .ToList();
            outcome = replay(documents, asStored);
            outcomes[documents.Fingerprint] = outcome;
        }

        return outcome;
    }

    /// <summary>A stored invoice as the replay under its period's documents issues it, with those documents; null when that replay lacks it.</summary>
    public (Receivable Receivable, AccountDocuments Documents)? ReceivableOf(StoredInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var documents = invoice is { Kind: "usage", Period: { } period } ? Governing(period) : Open;
        return OutcomeUnder(documents).Accounts.TryGetValue(documents.Head.Id, out var account)
            && account.Receivables.FirstOrDefault(r => r.Invoice.Key == invoice.Key) is { } receivable
            ? (receivable, documents)
            : null;
    }

    /// <summary>
    /// The account's timeline: each entry from the replay under the documents of its period (the invoice's for dunning and
    /// restore, the current period's for credit checks, the period containing the instant for pack alerts), in the order
    /// the replays give (time, customer, policy order).
    /// </summary>
    public IReadOnlyList<(TimelineEntry Entry, AccountDocuments Documents)> Timeline()
    {
        var sets = settled.Values.Append(Open).DistinctBy(d => d.Fingerprint).ToList();
        var entries = new List<(TimelineEntry Entry, AccountDocuments Documents, int Set, int Index)>();
        for (var set = 0; set < sets.Count; set++)
        {
            var documents = sets[set];
            var outcome = OutcomeUnder(documents);
            if (!outcome.Accounts.TryGetValue(documents.Head.Id, out var account))
            {
                continue;
            }

            var index = 0;
            foreach (var entry in outcome.Timeline)
            {
                var period = entry.Period ?? account.PeriodOf(entry.At).Name;
                if (Governing(period).Fingerprint == documents.Fingerprint)
                {
                    entries.Add((entry, documents, set, index));
                }

                index++;
            }
        }

        return entries
            .OrderBy(e => e.Entry.At)
            .ThenBy(e => e.Entry.Customer, CodePointOrder.Instance)
            .ThenBy(e => e.Set)
            .ThenBy(e => e.Index)
            .Select(e => (e.Entry, e.Documents))
            .ToList();
    }
}
