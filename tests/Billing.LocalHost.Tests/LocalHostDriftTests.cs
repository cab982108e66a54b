using Billing.LocalHost.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Billing.LocalHost.Tests;

/// <summary>
/// The local host serves what the function app declares, the same way, and nothing else: every HTTP route and
/// method, every queue and every schedule of <c>functions.metadata</c> has its endpoint, listener or timer in the
/// built local host, and every endpoint, listener and timer of the local host is in the metadata.
/// </summary>
public sealed class LocalHostDriftTests
{
    [Fact]
    public async Task The_local_host_serves_exactly_the_routes_queues_and_schedules_of_the_function_app()
    {
        await using WebApplication app = LocalHostApplication.Build(["--environment", "Production", "--AzureWebJobsStorage", "UseDevelopmentStorage=true"]);
        var served = Served(app).Order(StringComparer.Ordinal).ToArray();
        var declared = FunctionMetadata.ReadBuilt().SelectMany(f => f.Triggers.Select(t => $"{f.Name}: {t}")).Order(StringComparer.Ordinal).ToArray();

        Assert.Empty(served.Except(declared).Select(s => $"served but not declared: {s}"));
        Assert.Empty(declared.Except(served).Select(d => $"declared but not served: {d}"));
    }

    private static IEnumerable<string> Served(WebApplication app)
    {
        foreach (RouteEndpoint endpoint in ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
        {
            string name = endpoint.Metadata.GetMetadata<FunctionDefinition>()?.Name ?? $"(not a function) {endpoint.DisplayName}";
            IEnumerable<string> methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (string method in methods)
            {
                yield return $"{name}: {method} {endpoint.RoutePattern.RawText}";
            }
        }

        foreach (IFunctionRunner runner in app.Services.GetServices<IHostedService>().OfType<IFunctionRunner>())
        {
            yield return $"{runner.Function.Name}: {runner.Describe()}";
        }
    }
}
