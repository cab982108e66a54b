using System.Collections.Concurrent;
using Billing.Application.Accounts;
using Billing.Application.Settlement;

namespace Billing.Application.Collections;

/// <summary>
/// Makes usage-driven actions prompt: metering notes which customers received usage (<see cref="Observe"/>), and
/// <see cref="ScanAsync"/> replays each noted account that has a credit limit or packs with its open period read
/// live, carrying out what is due (credit warning, credit suspension, pack alerts) without waiting for settlement.
/// Runs on <c>Billing:CollectionsScanSchedule</c> (the collections timer), and after each step of a simulated clock.
/// </summary>
public sealed class CollectionsMonitor(BillingDirectory directory, SettlementService settlement, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, byte> observed = new(StringComparer.Ordinal);

    public void Observe(IEnumerable<string> customers)
    {
        foreach (var customer in customers)
        {
            observed.TryAdd(customer, 0);
        }
    }

    /// <summary>Checks every account noted since the last scan; returns how many it checked.</summary>
    public async Task<int> ScanAsync(CancellationToken ct)
    {
        var heads = new HashSet<string>(StringComparer.Ordinal);
        foreach (var customerId in observed.Keys.ToList())
        {
            observed.TryRemove(customerId, out _);
            if (await directory.CustomerAsync(customerId, ct) is { } customer)
            {
                heads.Add(customer.InvoicedCustomerId);
            }
        }

        var checkedCount = 0;
        foreach (var head in heads)
        {
            var family = await directory.FamilyAsync(head, ct);
            if (family.Count == 0 || (family[0].CreditLimit is null && !family.Any(c => c.Packs.Count > 0)))
            {
                continue;
            }

            if (await settlement.CollectAsync(head, clock.GetUtcNow(), ct))
            {
                checkedCount++;
            }
        }

        return checkedCount;
    }
}
