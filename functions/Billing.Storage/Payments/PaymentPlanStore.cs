using System.Globalization;
using System.Text.Json;
using Billing.Domain.Payments;
using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Storage.Payments;

/// <summary>
/// Payment plans (table <c>paymentplans</c>, PartitionKey the invoiced customer, RowKey the invoice's period). One plan
/// per invoice: agreeing is an insert, so a retried request agrees once; an agreed plan is never changed.
/// </summary>
public sealed class PaymentPlanStore(ITableClient table)
{
    /// <summary>Stores the plan; returns the plan that stands (the earlier one when the invoice already has a plan).</summary>
    public async Task<(PaymentPlan Plan, bool Created)> AgreeAsync(PaymentPlan plan, CancellationToken ct = default)
    {
        try
        {
            await table.AddEntityAsync(
                new TableEntity(KeyEscaping.Escape(plan.Customer), KeyEscaping.Escape(plan.Period))
                {
                    ["Customer"] = plan.Customer,
                    ["Period"] = plan.Period,
                    ["CreatedAt"] = plan.CreatedAt,
                    ["Installments"] = JsonSerializer.Serialize(plan.Installments.Select(i => new { amount = i.Amount.ToString(CultureInfo.InvariantCulture), dueAt = i.DueAt })),
                },
                ct);
            return (plan, true);
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            var existing = await table.GetEntityAsync(KeyEscaping.Escape(plan.Customer), KeyEscaping.Escape(plan.Period), cancellationToken: ct);
            return (Read(existing), false);
        }
    }

    public Task<List<PaymentPlan>> ForCustomerAsync(string customer, CancellationToken ct = default) =>
        QueryAsync(TableFilter.Create($"PartitionKey eq {KeyEscaping.Escape(customer)}"), ct);

    /// <summary>Every customer's plans, in one query.</summary>
    public Task<List<PaymentPlan>> AllAsync(CancellationToken ct = default) => QueryAsync(null, ct);

    private async Task<List<PaymentPlan>> QueryAsync(string? filter, CancellationToken ct)
    {
        var plans = new List<PaymentPlan>();
        await foreach (var row in table.QueryAsync(filter, cancellationToken: ct))
        {
            plans.Add(Read(row));
        }

        return plans;
    }

    private static PaymentPlan Read(TableEntity row)
    {
        using var document = JsonDocument.Parse(row.GetString("Installments") ?? "[]");
        var installments = document.RootElement.EnumerateArray()
            .Select(i => new Installment(decimal.Parse(i.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture), i.GetProperty("dueAt").GetDateTimeOffset()))
            .ToList();
        return new PaymentPlan(row.GetString("Customer") ?? string.Empty, row.GetString("Period") ?? string.Empty, row.GetDateTimeOffset("CreatedAt") ?? default, installments);
    }
}
