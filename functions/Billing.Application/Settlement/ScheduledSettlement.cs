using Billing.Application.Configuration;
using Microsoft.Extensions.Options;

namespace Billing.Application.Settlement;

/// <summary>
/// What the settlement timer does (<c>Billing:SettlementSchedule</c>, default every 5 minutes): queues a settlement
/// request per invoiced customer, each settling whatever periods have ended plus the grace. With a simulated clock it
/// does nothing: <c>POST /api/manage/clock/advance</c> requests settlement at each step instead.
/// </summary>
public sealed partial class ScheduledSettlement(SettlementFanOut fanOut, IOptions<BillingOptions> options, ILogger<ScheduledSettlement> logger)
{
    /// <summary>One scheduled run; returns how many customers settlement was requested for (0 with a simulated clock).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        using var activity = Hosting.BillingTelemetry.Source.StartActivity("settlement.schedule");
        if (options.Value.SimulatedClock)
        {
            return 0;
        }

        int customers = await fanOut.RequestAllAsync(ct);
        LogQueued(customers);
        return customers;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Settlement requested for {Customers} invoiced customers")]
    private partial void LogQueued(int customers);
}
