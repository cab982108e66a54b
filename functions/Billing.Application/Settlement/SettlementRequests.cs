using Billing.Workflows.Runtime;
using Billing.Workflows.Settlement;

namespace Billing.Application.Settlement;

/// <summary>
/// Settles one invoiced customer per <c>settlements</c> message (the message is the customer id).
/// When a period has ended (plus the grace), it starts or resumes that period's settlement workflow
/// (<c>settlement/{customer}/{period}</c>), which settles, then duns the unpaid invoice on its timers. Otherwise, or when the
/// workflow had nothing left to run, it settles what else is due now (pack purchases, collections) directly. Earlier
/// periods whose usage invoices that workflow's settlement found unpaid (periods issued late among them) get workflows of
/// their own (started, or read and left as they are, on every request, so a crash between the two loses none). Running it twice settles once;
/// a host runs the requests of one fetch concurrently (up to the queue batch size, plus the next fetch once in-flight work
/// drops to the new-batch threshold), so requests for different customers overlap.
/// </summary>
public sealed class SettlementRequests(SettlementService settlement, WorkflowRuntime workflows, TimeProvider clock)
{
    public const string QueueName = "settlements";

    /// <summary>Handles one <c>settlements</c> message (<see cref="SettlementRequestMessage"/>) in a <c>settlement.request</c> span continuing the requester's trace.</summary>
    public async Task HandleAsync(string messageText, CancellationToken cancellationToken)
    {
        var message = SettlementRequestMessage.Parse(messageText);
        using var activity = Hosting.BillingTelemetry.StartFromMessage("settlement.request", message.TraceParent);
        await SettleAsync(message.Customer, cancellationToken);
    }

    /// <summary>Settles what is due for <paramref name="customer"/> now; throws when that fails, so the request is retried.</summary>
    public async Task SettleAsync(string customer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await settlement.LatestDuePeriodAsync(customer, now, cancellationToken) is { } period)
        {
            var input = WorkflowJson.Serialize(new SettlementRequest(customer, period));
            var run = await workflows.StartAsync(SettlementWorkflow.Name, SettlementWorkflow.InstanceId(customer, period), input, cancellationToken);
            foreach (var earlier in WorkflowJson.Deserialize<SettlementWorkflowState>(run.Instance.State).EarlierPeriods)
            {
                var earlierInput = WorkflowJson.Serialize(new SettlementRequest(customer, earlier));
                await workflows.StartAsync(SettlementWorkflow.Name, SettlementWorkflow.InstanceId(customer, earlier), earlierInput, cancellationToken);
            }

            if (run.CommandsRun > 0)
            {
                return;
            }
        }

        await settlement.SettleAsync(customer, now, cancellationToken);
    }
}
