using Billing.LocalHost.Functions;
using Grpc.Net.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace Billing.LocalHost.Durable;

/// <summary>
/// Durable orchestrations in the local host: the <see cref="DurableSidecar"/> backend, a Durable Task worker whose
/// registry holds every orchestration and activity function of the function app (called through
/// <see cref="FunctionInvoker"/>), and a <see cref="DurableTaskClient"/> in the services, which <c>[DurableClient]</c>
/// parameters get. Worker and client reach the sidecar over gRPC, as they would a Durable Task Scheduler.
/// </summary>
public static class LocalDurableExtensions
{
    public static IServiceCollection AddLocalDurable(this IServiceCollection services, IReadOnlyList<FunctionDefinition> functions)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(functions);
        var orchestrators = functions.Where(f => f.Trigger is OrchestrationFunctionTrigger).ToArray();
        if (orchestrators.FirstOrDefault(f => !f.Method.IsStatic) is { } instance)
        {
            throw new InvalidOperationException($"Orchestration function '{instance.Name}' must be static: an orchestrator does no I/O and needs no services.");
        }

        var activities = functions.Where(f => f.Trigger is ActivityFunctionTrigger).ToArray();

        // The sidecar's address is chosen now, the channel connects on first use (after the sidecar has started).
        services.AddSingleton<DurableSidecar>();
        services.AddHostedService(sp => sp.GetRequiredService<DurableSidecar>());
        services.AddSingleton(sp => GrpcChannel.ForAddress(sp.GetRequiredService<DurableSidecar>().Address));
        services.AddDurableTaskWorker(builder =>
        {
            builder.AddTasks(registry =>
            {
                foreach (FunctionDefinition orchestrator in orchestrators)
                {
                    registry.AddOrchestrator(orchestrator.Name, () => new FunctionOrchestrator(orchestrator));
                }

                foreach (FunctionDefinition activity in activities)
                {
                    registry.AddActivity(activity.Name, sp => new FunctionActivity(activity, sp));
                }
            });
            builder.UseGrpc(options => { });
        });
        services.AddDurableTaskClient(builder =>
        {
            builder.UseGrpc(options => { });
            builder.RegisterDirectly();
        });
        services.AddOptions<Microsoft.DurableTask.Worker.Grpc.GrpcDurableTaskWorkerOptions>(Microsoft.Extensions.Options.Options.DefaultName)
            .Configure<GrpcChannel>((options, channel) => options.Channel = channel);
        services.AddOptions<Microsoft.DurableTask.Client.Grpc.GrpcDurableTaskClientOptions>(Microsoft.Extensions.Options.Options.DefaultName)
            .Configure<GrpcChannel>((options, channel) => options.Channel = channel);
        return services;
    }
}
