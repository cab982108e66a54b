using Billing.Application.Settlement;
using Billing.Storage;
using Billing.Workflows.Runtime;
using Billing.Workflows.Settlement;

namespace Billing.Application.Workflows;

/// <summary>Registers the workflow runtime on table-backed stores (<c>workflows</c>, <c>workflowtimers</c>), its workflow types and activities.</summary>
public static class WorkflowServiceCollectionExtensions
{
    public static IServiceCollection AddBillingWorkflows(this IServiceCollection services)
    {
        services.AddSingleton<IWorkflowInstanceStore>(sp => new WorkflowInstanceTable(sp.GetRequiredService<IStorageAccount>().GetTableClient(WorkflowInstanceTable.TableName)));
        services.AddSingleton<IWorkflowTimerStore>(sp => new WorkflowTimerTable(sp.GetRequiredService<IStorageAccount>().GetTableClient(WorkflowTimerTable.TableName)));
        services.AddSingleton<IWorkflowDefinition, SettlementWorkflow>();
        services.AddSingleton<IWorkflowActivity, SettleActivity>();
        services.AddSingleton<IWorkflowActivity, CollectActivity>();
        services.AddSingleton<WorkflowRuntime>();
        services.AddSingleton<WorkflowEventSender>();
        return services;
    }
}
