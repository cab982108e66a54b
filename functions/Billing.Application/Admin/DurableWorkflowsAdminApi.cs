using System.Globalization;
using System.Text.Json;
using Billing.Application.Http;
using Billing.Application.Settlement;
using Microsoft.DurableTask.Client;

namespace Billing.Application.Admin;

/// <summary>
/// Operators' view of the Durable orchestration instances (the <see cref="SettlementCycle"/> instances and each unpaid invoice's <see cref="Collections.Dunning.InvoiceDunning"/>), through
/// <see cref="DurableTaskClient"/>: id, orchestration name, status (<c>pending</c>, <c>running</c>, <c>completed</c>,
/// <c>failed</c>, <c>terminated</c>, <c>suspended</c>), custom status, created and last updated (UTC), failure details and
/// output. Filters: type (orchestration name), status, created range (<c>createdFrom</c>, <c>createdTo</c>), customer
/// (the dunning instances <c>dunning/{customer}/...</c>; settlement cycles, whose ids carry no customer, are left out when
/// one is asked for). Listed a page at a time with the backend's continuation token (<see cref="PageAsync"/>). Actions on one
/// instance: terminate (not a running dunning instance: see <see cref="DunningNotTerminated"/>), purge (its history and
/// state; only once it has finished), restart (a new run with the same id and input). The same data as Durable
/// Functions' management API.
/// </summary>
public static class DurableWorkflowsAdminApi
{
    /// <summary>The actions <c>POST /api/manage/workflows/{id}/{action}</c> takes on a Durable instance.</summary>
    public static readonly IReadOnlyList<string> Actions = ["terminate", "purge", "restart"];

    /// <summary>The <c>type</c> of the collections timelines (dunning steps and credit checks the list shows per customer).</summary>
    public const string CollectionsType = "collections";

    /// <summary>
    /// The query of the request's filters, and the orchestration name it asks for (empty: any); a malformed filter (a type
    /// other than <see cref="SettlementCycle"/>, the dunning or <see cref="CollectionsType"/>) is a problem naming its field.
    /// The query is null when no Durable instance can match (the collections type, or a customer with a type that names no
    /// customer).
    /// </summary>
    public static (OrchestrationQuery? Query, string Type, IResult? Problem) Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string type = request.Query["type"].ToString();
        string status = request.Query["status"].ToString();
        string customer = request.Query["customer"].ToString();
        if (type is not ("" or SettlementCycle.Name or Collections.Dunning.InvoiceDunning.Name or CollectionsType))
        {
            return (null, type, Problems.Field("type", $"type is {SettlementCycle.Name}, {Collections.Dunning.InvoiceDunning.Name} or {CollectionsType}"));
        }

        OrchestrationRuntimeStatus[]? statuses = null;
        if (status.Length > 0)
        {
            statuses = Statuses(status);
            if (statuses is null)
            {
                return (null, type, Problems.Field("status", "status is pending, running, completed, failed, terminated or suspended"));
            }
        }

        var (from, to, windowProblem) = QueryParameters.OptionalWindow(request, "createdFrom", "createdTo");
        if (windowProblem is not null)
        {
            return (null, type, windowProblem);
        }

        // The instance id prefix to list: null lists every instance, "" none.
        string? prefix = (type, customer) switch
        {
            (_, { Length: > 0 }) when type is "" or Collections.Dunning.InvoiceDunning.Name => Collections.Dunning.InvoiceDunning.InstanceId(customer, ""),
            (_, { Length: > 0 }) => "",
            ("", _) => null,
            (SettlementCycle.Name, _) => SettlementCycle.InstancePrefix,
            (Collections.Dunning.InvoiceDunning.Name, _) => Collections.Dunning.InvoiceDunning.InstancePrefix,
            _ => "",
        };
        return (prefix == "" ? null : new OrchestrationQuery(from, to, statuses, InstanceIdPrefix: prefix, FetchInputsAndOutputs: true), type, null);
    }

    /// <summary>
    /// One page of the instances <paramref name="query"/> finds, from the backend's <paramref name="continuation"/> (null:
    /// the first), at most <paramref name="limit"/>, those of another orchestration than <paramref name="type"/> left out;
    /// with the backend's token of the next page, null after the last. A page may be short or empty before the last.
    /// </summary>
    public static async Task<(IReadOnlyList<object> Instances, string? Next)> PageAsync(DurableTaskClient client, OrchestrationQuery query, string type, string? continuation, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(query);
        await foreach (Microsoft.DurableTask.Page<OrchestrationMetadata> page in client.GetAllInstancesAsync(query).AsPages(continuation, limit).WithCancellation(ct))
        {
            return ([.. page.Values.Where(i => type.Length == 0 || i.Name == type).Select(View)], string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Terminates, purges or restarts the Durable instance <paramref name="instanceId"/>.</summary>
    public static async Task<IResult> ActAsync(string instanceId, string action, DurableTaskClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct) is not { } instance)
        {
            return Problems.NotFound($"no workflow '{instanceId}'");
        }

        switch (action)
        {
            case "terminate":
                if (instance.IsCompleted)
                {
                    return Problems.Conflict($"workflow '{instanceId}' has finished ({Status(instance.RuntimeStatus)})");
                }

                if (instance.Name == Collections.Dunning.InvoiceDunning.Name)
                {
                    return Problems.Conflict(DunningNotTerminated(instanceId));
                }

                await client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions("terminated by an operator"), ct);
                return Results.Json(new { workflow = instanceId, action });
            case "purge":
                if (!instance.IsCompleted)
                {
                    return Problems.Conflict(StillRunning(instance));
                }

                PurgeResult purged = await client.PurgeInstanceAsync(instanceId, cancellation: ct);
                return Results.Json(new { workflow = instanceId, action, purged = purged.PurgedInstanceCount });
            default:
                if (!instance.IsCompleted)
                {
                    // A restart reuses the id, so a running instance would be replaced mid-step (or, on the local sidecar, not restarted at all).
                    return Problems.Conflict(StillRunning(instance));
                }

                string restarted = await client.RestartAsync(instanceId, restartWithNewInstanceId: false, ct);
                return Results.Json(new { workflow = restarted, action });
        }
    }

    /// <summary>
    /// Why a running dunning instance is not terminated: its steps follow from the invoice's standing (the account's replay
    /// decides them), so the instance only wakes the account at each step's instant. Terminated, it would not stop the
    /// dunning, only delay its steps until the account's next payment or settlement plays them all at once.
    /// </summary>
    private static string DunningNotTerminated(string instanceId) =>
        $"workflow '{instanceId}' is an unpaid invoice's dunning, which follows the invoice: terminated, it would only delay its steps " +
        "until the account's next payment or settlement played them at once. To stop it, agree a payment plan " +
        "(POST /api/manage/invoices/{number}/payment-plan) or record the payment or write-off that settles the invoice (POST /api/payments)";

    private static string StillRunning(OrchestrationMetadata instance) =>
        instance.Name == Collections.Dunning.InvoiceDunning.Name
            ? $"workflow '{instance.InstanceId}' is still {Status(instance.RuntimeStatus)}: an unpaid invoice's dunning finishes when the invoice is paid"
            : $"workflow '{instance.InstanceId}' is still {Status(instance.RuntimeStatus)}: terminate it first";

    private static object View(OrchestrationMetadata instance) => new
    {
        id = instance.InstanceId,
        type = instance.Name,
        status = Status(instance.RuntimeStatus),
        customStatus = Json(instance.SerializedCustomStatus),
        createdAt = instance.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        lastUpdatedAt = instance.LastUpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        // The Azure Storage backend behind the local sidecar reports a failure as the output's text, without failure details.
        failure = instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed || instance.FailureDetails is not null
            ? new { type = instance.FailureDetails?.ErrorType, message = FailureMessage(instance) }
            : null,
        output = instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? null : Json(instance.SerializedOutput),
    };

    /// <summary>
    /// Why a failed instance failed: its failure details' message, or, from a backend that reports none (the Azure Storage
    /// backend behind the local sidecar), its output's text. Needs the instance read with its inputs and outputs.
    /// </summary>
    public static string? FailureMessage(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.FailureDetails?.ErrorMessage ?? (instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? instance.SerializedOutput : null);
    }

    private static JsonElement? Json(string? serialized) =>
        string.IsNullOrEmpty(serialized) ? null : JsonDocument.Parse(serialized).RootElement.Clone();

    private static string Status(OrchestrationRuntimeStatus status) => status.ToString().ToLowerInvariant();

    private static OrchestrationRuntimeStatus[]? Statuses(string status) => status switch
    {
        "pending" => [OrchestrationRuntimeStatus.Pending],
        "running" => [OrchestrationRuntimeStatus.Running],
        "completed" => [OrchestrationRuntimeStatus.Completed],
        "failed" => [OrchestrationRuntimeStatus.Failed],
        "terminated" => [OrchestrationRuntimeStatus.Terminated],
        "suspended" => [OrchestrationRuntimeStatus.Suspended],
        _ => null,
    };
}
