using Billing.Application.Configuration;
using Billing.Application.Workflows;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Billing.Application.Collections.Dunning;

/// <summary>
/// Starts the <see cref="InvoiceDunning"/> instance of an unpaid usage invoice. Every status deduplicates: an instance that
/// runs (waiting for a step or, its ladder run, for payment), or finished (paid), is left as it is, so calling this on every settlement of the customer
/// starts each invoice's dunning once. Business time is the host's clock; the input says which kind it is.
/// </summary>
public sealed partial class DunningStarter(IOptions<BillingOptions> options, TimeProvider clock, ILogger<DunningStarter> logger)
{
    /// <summary>Starts the dunning of (<paramref name="customer"/>, <paramref name="period"/>); true when this call started it.</summary>
    public async Task<bool> StartAsync(DurableTaskClient client, string customer, string period, CancellationToken ct)
    {
        var instanceId = InvoiceDunning.InstanceId(customer, period);
        var input = new InvoiceDunningInput(customer, period, null, options.Value.SimulatedClock, clock.GetUtcNow());
        if (!await OrchestrationStarts.StartOnceAsync(client, InvoiceDunning.Name, input, instanceId, ct))
        {
            return false;
        }

        LogStarted(instanceId);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dunning {InstanceId} started")]
    private partial void LogStarted(string instanceId);
}
