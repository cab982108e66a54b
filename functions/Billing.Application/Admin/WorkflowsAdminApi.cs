using Billing.Application.Accounts;
using Billing.Storage.Collections;
using Billing.Workflows.Scenarios;
using Microsoft.DurableTask.Client;

namespace Billing.Application.Admin;

/// <summary>
/// Operators' view of the workflows: the Durable orchestration instances (settlement cycles and each unpaid invoice's
/// dunning, <see cref="DurableWorkflowsAdminApi"/>), and <c>collections/{customer}</c>, the customer's timeline entries
/// (each recorded, then done, by the replay; status <c>running</c>). <c>GET /api/manage/workflows?type=&amp;status=&amp;customer=</c>
/// lists them; <c>POST /api/manage/workflows/{id}/terminate|purge|restart</c> acts on a Durable instance.
/// </summary>
public static class WorkflowsAdminApi
{
    public static async Task<IResult> ListAsync(HttpRequest request, BillingDirectory directory, TimelineStore timeline, DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.Query["type"].ToString();
        var status = request.Query["status"].ToString();
        var only = request.Query["customer"].ToString();
        var (instances, problem) = await DurableWorkflowsAdminApi.ListAsync(request, durable, ct);
        if (problem is not null)
        {
            return problem;
        }

        var listed = new List<object>(instances);
        if (type is "" or "collections" && status is "" or "running")
        {
            foreach (var customer in (await directory.AllCustomersAsync(ct)).Where(c => !c.BillsThroughParent && (only.Length == 0 || c.Id == only)))
            {
                var entries = await timeline.ForCustomerAsync(customer.Id, ct);
                if (entries.Count > 0)
                {
                    var history = entries.Select(e => new WorkflowStep(e.Action, OutcomeWriter.Instant(e.At), e.Detail)).ToList();
                    listed.Add(new WorkflowView($"collections/{customer.Id}", "collections", "running", history));
                }
            }
        }

        return Results.Json(listed);
    }

    /// <summary><c>POST /api/manage/workflows/{id}/{action}</c>: <c>terminate</c>, <c>purge</c> or <c>restart</c> of a Durable instance.</summary>
    public static async Task<IResult> ActAsync(string id, DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(id);
        int slash = id.LastIndexOf('/');
        return slash > 0 && DurableWorkflowsAdminApi.Actions.Contains(id[(slash + 1)..])
            ? await DurableWorkflowsAdminApi.ActAsync(id[..slash], id[(slash + 1)..], durable, ct)
            : Http.Problems.NotFound("POST /api/manage/workflows/{id}/terminate, /purge or /restart");
    }

    private sealed record WorkflowView(string Id, string Type, string Status, IReadOnlyList<WorkflowStep> History);

    private sealed record WorkflowStep(string Step, string? At, string? Detail);
}
