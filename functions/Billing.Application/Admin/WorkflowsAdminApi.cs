using Billing.Application.Accounts;
using Billing.Application.Http;
using Billing.Storage.Collections;
using Billing.Workflows.Scenarios;
using Microsoft.DurableTask.Client;

namespace Billing.Application.Admin;

/// <summary>
/// Operators' view of the workflows: the Durable orchestration instances (settlement cycles and each unpaid invoice's
/// dunning, <see cref="DurableWorkflowsAdminApi"/>), then <c>collections/{customer}</c>, each customer's timeline entries
/// (each recorded, then done, by the replay; status <c>running</c>) in customer id order.
/// <c>GET /api/manage/workflows?type=&amp;status=&amp;customer=&amp;createdFrom=&amp;createdTo=</c> lists them a page at a
/// time (<see cref="Paging"/>: <c>limit</c>, default 100, and <c>continuationToken</c>, a <see cref="WorkflowListPosition"/>)
/// as <c>{"items": [...], "continuationToken": ...}</c>. A page reads at most <see cref="ReadsPerPage"/> backend pages and
/// timelines, so it may hold fewer than <c>limit</c> items before the last: follow <c>continuationToken</c> until it is null.
/// <c>POST /api/manage/workflows/{id}/terminate|purge|restart</c> acts on a Durable instance.
/// </summary>
public static class WorkflowsAdminApi
{
    /// <summary>The most Durable pages and customers' timelines one page of the list reads (each one storage query or so).</summary>
    public const int ReadsPerPage = 200;

    public static async Task<IResult> ListAsync(HttpRequest request, BillingDirectory directory, TimelineStore timeline, DurableTaskClient durable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (paging, problem) = Paging.Read(request);
        if (problem is not null)
        {
            return problem;
        }

        var (query, type, filterProblem) = DurableWorkflowsAdminApi.Read(request);
        if (filterProblem is not null)
        {
            return filterProblem;
        }

        var position = paging!.ContinuationToken is { } token ? WorkflowListPosition.Decode(token) : WorkflowListPosition.Start;
        if (position is null)
        {
            return Problems.Field("continuationToken", PageToken.NotOurs);
        }

        var status = request.Query["status"].ToString();
        var timelines = type is "" or DurableWorkflowsAdminApi.CollectionsType && status is "" or "running";
        var page = new ListPage(paging.Limit);
        while (position is not null && !page.Full)
        {
            if (position.Part == WorkflowListPart.Durable)
            {
                string? next = null;
                if (query is not null)
                {
                    (var instances, next) = await DurableWorkflowsAdminApi.PageAsync(durable, query, type, position.After, paging.Limit - page.Items.Count, ct);
                    page.Items.AddRange(instances);
                    page.Reads++;
                }

                position = next is not null ? new WorkflowListPosition(WorkflowListPart.Durable, next) : timelines ? WorkflowListPosition.Collections : null;
            }
            else
            {
                // A token of a list that reached the timelines, sent with filters that leave them out, ends the list.
                position = timelines ? await TimelinesAsync(page, position.After, request.Query["customer"].ToString(), directory, timeline, ct) : null;
            }
        }

        return Results.Json(new { items = page.Items, continuationToken = position?.Encode() });
    }

    /// <summary>
    /// Adds to <paramref name="page"/> the collections timelines of the invoiced customers after <paramref name="after"/> in id
    /// order (only <paramref name="only"/> when given) until the page is full; the position to go on from, null after the last.
    /// </summary>
    private static async Task<WorkflowListPosition?> TimelinesAsync(ListPage page, string? after, string only, BillingDirectory directory, TimelineStore timeline, CancellationToken ct)
    {
        var customers = (await directory.AllCustomersAsync(ct))
            .Where(c => !c.BillsThroughParent && (only.Length == 0 || c.Id == only) && (after is null || string.CompareOrdinal(c.Id, after) > 0))
            .Select(c => c.Id)
            .Order(StringComparer.Ordinal);
        foreach (var customer in customers)
        {
            if (page.Full)
            {
                return new WorkflowListPosition(WorkflowListPart.Collections, after);
            }

            var entries = await timeline.ForCustomerAsync(customer, ct);
            page.Reads++;
            after = customer;
            if (entries.Count > 0)
            {
                var history = entries.Select(e => new WorkflowStep(e.Action, OutcomeWriter.Instant(e.At), e.Detail)).ToList();
                page.Items.Add(new WorkflowView($"{DurableWorkflowsAdminApi.CollectionsType}/{customer}", DurableWorkflowsAdminApi.CollectionsType, "running", history));
            }
        }

        return null;
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

    /// <summary>The page being filled: its items, and the backend pages and timelines read for it.</summary>
    private sealed class ListPage(int limit)
    {
        public List<object> Items { get; } = [];

        public int Reads { get; set; }

        public bool Full => Items.Count >= limit || Reads >= ReadsPerPage;
    }

    private sealed record WorkflowView(string Id, string Type, string Status, IReadOnlyList<WorkflowStep> History);

    private sealed record WorkflowStep(string Step, string? At, string? Detail);
}
