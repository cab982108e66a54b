using Billing.Application.Admin;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Billing.Functions.Tests.Admin;

/// <summary>
/// Why a failed instance failed, as the workflows list and the clock's failure report show it: the failure details'
/// message, or the output's text from a backend that reports no details (the Azure Storage backend behind the local sidecar).
/// </summary>
public sealed class DurableFailureMessageTests
{
    [Fact]
    public void A_failure_is_told_by_its_details_or_else_by_the_failed_instance_s_output_and_a_running_one_has_none()
    {
        var detailed = new OrchestrationMetadata("SettlementCycle", "settlement-cycle/1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Failed,
            FailureDetails = new TaskFailureDetails("System.InvalidOperationException", "injected fault", null, null, null),
            SerializedOutput = "other text",
        };
        var bare = new OrchestrationMetadata("SettlementCycle", "settlement-cycle/2") { RuntimeStatus = OrchestrationRuntimeStatus.Failed, SerializedOutput = "injected fault (output)" };
        var running = new OrchestrationMetadata("Dunning", "dunning/acme/2026-01") { RuntimeStatus = OrchestrationRuntimeStatus.Running, SerializedOutput = "\"not a failure\"" };

        Assert.Equal("injected fault", DurableWorkflowsAdminApi.FailureMessage(detailed));
        Assert.Equal("injected fault (output)", DurableWorkflowsAdminApi.FailureMessage(bare));
        Assert.Null(DurableWorkflowsAdminApi.FailureMessage(running));
    }
}
