using Billing.Functions.Accounts;
using Billing.Functions.Collections;
using Billing.Functions.Http;
using Billing.Functions.Settlement;
using Billing.Storage;
using Billing.Storage.Collections;
using Billing.Storage.Invoicing;
using Billing.Workflows.Scenarios;

namespace Billing.Functions.Admin;

/// <summary>
/// Operators' view of the work in flight. Settlement and collections are replay-driven steps with deterministic,
/// idempotent effects, so an instance is what they left behind:
/// <c>settlement/{customer}/{period}</c> (snapshot taken, invoice numbered and stored, rendered and emailed) and
/// <c>collections/{customer}</c> (the timeline entries, each recorded then done). <c>GET /api/admin/workflows?type=&amp;status=&amp;customer=</c>
/// lists them with their history (status <c>completed</c>, <c>running</c> or <c>failed</c>: a settlement request that
/// ended in <c>settlements-poison</c>); <c>POST /api/admin/workflows/{id}/retry</c> runs the customer's settlement and
/// collections again (every step is idempotent) and requeues its poisoned requests.
/// </summary>
public static class WorkflowsAdminHttp
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/workflows", ListAsync);
        admin.MapPost("/workflows/{*id}", RetryAsync);
    }

    public static async Task<IResult> ListAsync(
        HttpRequest request, BillingDirectory directory, SettlementSnapshots snapshots, InvoiceStore invoices, TimelineStore timeline, IStorageAccount storage, CancellationToken ct)
    {
        var type = request.Query["type"].ToString();
        var status = request.Query["status"].ToString();
        var only = request.Query["customer"].ToString();
        var failed = await PoisonedCustomersAsync(storage, ct);
        var instances = new List<WorkflowInstance>();
        foreach (var customer in (await directory.AllCustomersAsync(ct)).Where(c => !c.BillsThroughParent && (only.Length == 0 || c.Id == only)))
        {
            if (type is "" or "settlement")
            {
                var stored = await invoices.ForCustomerAsync(customer.Id, ct);
                foreach (var snapshot in await snapshots.ForCustomerAsync(customer.Id, ct))
                {
                    var invoice = stored.FirstOrDefault(i => i.Period == snapshot.Period && i.Kind == "usage");
                    var history = new List<WorkflowStep> { new("settled", OutcomeWriter.Instant(snapshot.SettledAt), $"{snapshot.Usage.Count} usage buckets, {snapshot.Late.Count} late") };
                    if (invoice is not null)
                    {
                        history.Add(new("numbered and stored", OutcomeWriter.Instant(invoice.IssuedAt), invoice.Number));
                        if (invoice.Delivered)
                        {
                            history.Add(new("rendered and emailed", null, $"invoices/{invoice.Customer}/{invoice.Number}.pdf"));
                        }
                    }

                    var state = invoice is { Delivered: true } ? "completed" : failed.Contains(customer.Id) ? "failed" : "running";
                    instances.Add(new WorkflowInstance($"settlement/{customer.Id}/{snapshot.Period}", "settlement", state, history));
                }
            }

            if (type is "" or "collections")
            {
                var entries = await timeline.ForCustomerAsync(customer.Id, ct);
                if (entries.Count > 0)
                {
                    var history = entries.Select(e => new WorkflowStep(e.Action, OutcomeWriter.Instant(e.At), e.Detail)).ToList();
                    instances.Add(new WorkflowInstance($"collections/{customer.Id}", "collections", "running", history));
                }
            }
        }

        return Results.Json(instances.Where(i => status.Length == 0 || i.Status == status));
    }

    public static async Task<IResult> RetryAsync(
        string id, BillingDirectory directory, SettlementService settlement, CollectionsMonitor monitor, IStorageAccount storage, TimeProvider clock, CancellationToken ct)
    {
        const string suffix = "/retry";
        if (!id.EndsWith(suffix, StringComparison.Ordinal))
        {
            return Problems.NotFound("POST /api/admin/workflows/{id}/retry");
        }

        var parts = id[..^suffix.Length].Split('/');
        if (parts.Length < 2 || parts[0] is not ("settlement" or "collections") || await directory.CustomerAsync(parts[1], ct) is null)
        {
            return Problems.NotFound($"no workflow '{id[..^suffix.Length]}'");
        }

        var customer = parts[1];
        var requeued = await RequeuePoisonedAsync(storage, customer, ct);
        var issued = await settlement.SettleAsync(customer, clock.GetUtcNow(), ct);
        monitor.Observe([customer]);
        await monitor.ScanAsync(ct);
        return Results.Json(new { workflow = id[..^suffix.Length], requeued, issued = issued.Select(i => i.Number) });
    }

    private static async Task<HashSet<string>> PoisonedCustomersAsync(IStorageAccount storage, CancellationToken ct)
    {
        var poison = storage.GetQueueClient(SettlementRequestQueue.Name + "-poison");
        var messages = await poison.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), ct);
        foreach (var message in messages)
        {
            await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero, cancellationToken: ct);
        }

        return messages.Select(m => m.MessageText).ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<int> RequeuePoisonedAsync(IStorageAccount storage, string customer, CancellationToken ct)
    {
        var poison = storage.GetQueueClient(SettlementRequestQueue.Name + "-poison");
        var moved = 0;
        foreach (var message in await poison.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), ct))
        {
            if (message.MessageText == customer)
            {
                await storage.GetQueueClient(SettlementRequestQueue.Name).SendMessageAsync(customer, cancellationToken: ct);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                moved++;
            }
            else
            {
                await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero, cancellationToken: ct);
            }
        }

        return moved;
    }

    private sealed record WorkflowInstance(string Id, string Type, string Status, IReadOnlyList<WorkflowStep> History);

    private sealed record WorkflowStep(string Step, string? At, string? Detail);
}
