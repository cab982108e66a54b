using Billing.Application.Accounts;
using Billing.Application.Collections;
using Billing.Application.Http;
using Billing.Application.Settlement;
using Billing.Storage;
using Billing.Storage.Collections;
using Billing.Workflows.Runtime;
using Billing.Workflows.Scenarios;
using Billing.Workflows.Settlement;
using Microsoft.DurableTask.Client;

namespace Billing.Application.Admin;

/// <summary>
/// Operators' view of the workflows. <c>settlement/{customer}/{period}</c> instances are rows of the workflow runtime
/// (table <c>workflows</c>): status <c>running</c> (activities pending or dunning timers set), <c>completed</c> or
/// <c>failed</c> (an activity threw; the error is shown), their history of transitions, pending commands and set timers.
/// <c>collections/{customer}</c> lists the customer's timeline entries (each recorded, then done, by the replay).
/// <c>GET /api/manage/workflows?type=&amp;status=&amp;customer=</c> lists them; <c>POST /api/manage/workflows/{id}/retry</c>
/// resumes a settlement instance's pending commands (they are idempotent) and requeues the customer's poisoned settlement
/// requests, or, for collections, settles and collects the customer again. The list also holds the Durable orchestration
/// instances (<see cref="DurableWorkflowsAdminApi"/>), whose <c>/terminate</c>, <c>/purge</c> and <c>/restart</c> are
/// answered there.
/// </summary>
public static class WorkflowsAdminApi
{
    public static async Task<IResult> ListAsync(HttpRequest request, BillingDirectory directory, TimelineStore timeline, WorkflowRuntime runtime, DurableTaskClient durable, CancellationToken ct)
    {
        var type = request.Query["type"].ToString();
        var status = request.Query["status"].ToString();
        var only = request.Query["customer"].ToString();
        var (instances, problem) = await DurableWorkflowsAdminApi.ListAsync(request, durable, ct);
        if (problem is not null)
        {
            return problem;
        }

        WorkflowStatus? wanted = status.Length > 0 ? WorkflowStatusNames.TryParse(status) : null;
        var listed = new List<object>(instances);
        if (status.Length > 0 && wanted is null)
        {
            // A status only Durable instances have (pending, terminated, suspended).
            return Results.Json(listed);
        }

        if (type is "" or SettlementWorkflow.Name)
        {
            listed.AddRange((await runtime.Instances.ListAsync(SettlementWorkflow.Name, wanted, ct))
                .Where(i => only.Length == 0 || i.Id.StartsWith(only + "/", StringComparison.Ordinal))
                .Select(View));
        }

        if (type is "" or "collections" && wanted is null or WorkflowStatus.Running)
        {
            foreach (var customer in (await directory.AllCustomersAsync(ct)).Where(c => !c.BillsThroughParent && (only.Length == 0 || c.Id == only)))
            {
                var entries = await timeline.ForCustomerAsync(customer.Id, ct);
                if (entries.Count > 0)
                {
                    var history = entries.Select(e => new WorkflowStep(e.Action, OutcomeWriter.Instant(e.At), e.Detail)).ToList();
                    listed.Add(new WorkflowView($"collections/{customer.Id}", "collections", "running", history, null, [], []));
                }
            }
        }

        return Results.Json(listed);
    }

    /// <summary>
    /// <c>POST /api/manage/workflows/{id}/{action}</c>: <c>terminate</c>, <c>purge</c> or <c>restart</c> of a Durable
    /// instance, or <c>retry</c> of a workflow of the old runtime.
    /// </summary>
    public static async Task<IResult> ActAsync(
        string id, BillingDirectory directory, SettlementService settlement, WorkflowRuntime runtime, CollectionsMonitor monitor, IStorageAccount storage, TimeProvider clock, DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(id);
        int slash = id.LastIndexOf('/');
        if (slash > 0 && DurableWorkflowsAdminApi.Actions.Contains(id[(slash + 1)..]))
        {
            return await DurableWorkflowsAdminApi.ActAsync(id[..slash], id[(slash + 1)..], durable, ct);
        }

        return await RetryAsync(id, directory, settlement, runtime, monitor, storage, clock, ct);
    }

    private static async Task<IResult> RetryAsync(
        string id, BillingDirectory directory, SettlementService settlement, WorkflowRuntime runtime, CollectionsMonitor monitor, IStorageAccount storage, TimeProvider clock, CancellationToken ct)
    {
        const string suffix = "/retry";
        if (!id.EndsWith(suffix, StringComparison.Ordinal))
        {
            return Problems.NotFound("POST /api/manage/workflows/{id}/retry");
        }

        var workflow = id[..^suffix.Length];
        var parts = workflow.Split('/');
        if (parts.Length < 2 || parts[0] is not (SettlementWorkflow.Name or "collections") || await directory.CustomerAsync(parts[1], ct) is null)
        {
            return Problems.NotFound($"no workflow '{workflow}'");
        }

        var customer = parts[1];
        if (parts[0] == SettlementWorkflow.Name)
        {
            // Resume first: an unknown instance answers 404 before anything is requeued.
            var instanceId = workflow[(SettlementWorkflow.Name.Length + 1)..];
            WorkflowRun? run;
            try
            {
                run = await runtime.RetryAsync(SettlementWorkflow.Name, instanceId, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The activity failed again; the instance recorded it and stays failed, resumable by the next retry.
                await RequeuePoisonedAsync(storage, customer, ct);
                return Problems.Conflict($"workflow '{workflow}' failed again: {ex.Message}");
            }

            return run is null
                ? Problems.NotFound($"no workflow '{workflow}'")
                : Results.Json(new { workflow, requeued = await RequeuePoisonedAsync(storage, customer, ct), status = WorkflowStatusNames.Of(run.Instance.Status), commandsRun = run.CommandsRun });
        }

        var requeued = await RequeuePoisonedAsync(storage, customer, ct);
        var issued = await settlement.SettleAsync(customer, clock.GetUtcNow(), ct);
        monitor.Observe([customer]);
        await monitor.ScanAsync(ct);
        return Results.Json(new { workflow, requeued, issued = issued.Select(i => i.Number) });
    }

    private static WorkflowView View(WorkflowInstance instance) => new(
        instance.Type + "/" + instance.Id,
        instance.Type,
        WorkflowStatusNames.Of(instance.Status),
        instance.History.Select(h => new WorkflowStep(h.Event, OutcomeWriter.Instant(h.At), h.Detail)).ToList(),
        instance.Error,
        instance.Pending.Select(c => c.Id).ToList(),
        instance.Timers);

    private static async Task<int> RequeuePoisonedAsync(IStorageAccount storage, string customer, CancellationToken ct)
    {
        var poison = storage.GetQueueClient(SettlementRequests.QueueName + "-poison");
        var moved = 0;
        foreach (var message in await poison.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), ct))
        {
            if (SettlementRequestMessage.Parse(message.MessageText).Customer == customer)
            {
                await storage.GetQueueClient(SettlementRequests.QueueName).SendMessageAsync(customer, cancellationToken: ct);
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

    private sealed record WorkflowView(string Id, string Type, string Status, IReadOnlyList<WorkflowStep> History, string? Error, IReadOnlyList<string> Pending, IReadOnlyList<string> Timers);

    private sealed record WorkflowStep(string Step, string? At, string? Detail);
}
