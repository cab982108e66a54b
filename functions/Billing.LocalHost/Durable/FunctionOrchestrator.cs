using Billing.LocalHost.Functions;
using Microsoft.DurableTask;

namespace Billing.LocalHost.Durable;

/// <summary>
/// An orchestration function of the function app as the Durable worker's orchestrator: the function is called with the
/// orchestration context (its input read through <c>context.GetInput&lt;T&gt;()</c>, raw JSON here as in Functions) and its
/// result is the output. Orchestration functions are static: an orchestrator does no I/O and needs no services.
/// </summary>
public sealed class FunctionOrchestrator(FunctionDefinition function) : ITaskOrchestrator
{
    private static readonly IServiceProvider NoServices = new ServiceCollection().BuildServiceProvider();

    public Type InputType => typeof(object);

    public Type OutputType => typeof(object);

    public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
        FunctionInvoker.InvokeAsync(function, NoServices, p => FunctionIndex.IsTriggerParameter(p) ? context : FunctionInvoker.Unbound, CancellationToken.None);
}
