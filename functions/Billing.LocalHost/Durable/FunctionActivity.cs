using Billing.LocalHost.Functions;
using Microsoft.DurableTask;

namespace Billing.LocalHost.Durable;

/// <summary>
/// An activity function of the function app as the Durable worker's activity: its input deserialized as the trigger
/// parameter's type, the function class built from the activity's services (one instance per invocation), cancelled
/// when the host stops.
/// </summary>
public sealed class FunctionActivity(FunctionDefinition function, IServiceProvider services) : ITaskActivity
{
    public Type InputType => ((ActivityFunctionTrigger)function.Trigger).InputType;

    public Type OutputType => typeof(object);

    public Task<object?> RunAsync(TaskActivityContext context, object? input) =>
        FunctionInvoker.InvokeAsync(
            function,
            services,
            p => FunctionIndex.IsTriggerParameter(p) ? input : FunctionInvoker.Unbound,
            services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
}
