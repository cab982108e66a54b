using Billing.Application.Configuration;
using Billing.Application.Workflows;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Billing.Application.Collections.Dunning;

/// <summary>
/// Starts the <see cref="InvoiceDunning"/> instance of an unpaid usage invoice. Every status deduplicates: an instance that
/// runs (waiting for a step or, its ladder run, for payment), or finished (paid), is left as it is, so calling this on
/// every settlement of the customer starts each invoice's dunning once. The instance is not read first (that read would
/// cost one storage request per unpaid invoice on every settlement): the backend's deduplication decides. Business time
/// is the host's clock; the input says which kind it is, and carries the next instant the settlement computed.
/// </summary>
public sealed partial class DunningStarter(IOptions<BillingOptions> options, TimeProvider clock, ILogger<DunningStarter> logger)
{
    /// <summary>
    /// Ensures the dunning of (<paramref name="customer"/>, <paramref name="period"/>) runs or has run; <paramref name="next"/>
    /// is its next instant as the caller has just computed it (null: the instance reads it).
    /// </summary>
    public async Task StartAsync(DurableTaskClient client, string customer, string period, DunningInstant? next, CancellationToken ct)
    {
        var instanceId = InvoiceDunning.InstanceId(customer, period);
        var input = new InvoiceDunningInput(customer, period, null, options.Value.SimulatedClock, clock.GetUtcNow(), next);
        if (await OrchestrationStarts.EnsureStartedAsync(client, InvoiceDunning.Name, input, instanceId, ct))
        {
            LogEnsured(instanceId, next?.NextAt);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dunning {InstanceId} started unless it existed (next instant {NextAt})")]
    private partial void LogEnsured(string instanceId, DateTimeOffset? nextAt);
}
