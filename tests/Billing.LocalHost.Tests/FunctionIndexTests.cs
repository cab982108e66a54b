using Billing.LocalHost.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.LocalHost.Tests;

/// <summary>The local host refuses at start what the Functions host would refuse or serve differently.</summary>
public sealed class FunctionIndexTests
{
    [Fact]
    public void The_health_function_indexes_as_a_GET_on_health()
    {
        var functions = FunctionIndex.Scan(LocalFunctionsExtensions.FunctionApp);

        var health = Assert.Single(functions, f => f.Name == "HealthHttp");
        var trigger = Assert.IsType<HttpFunctionTrigger>(health.Trigger);
        Assert.Equal("health", trigger.Route);
        Assert.Equal(["get"], trigger.Methods);
    }

    [Fact]
    public void A_route_beginning_with_admin_is_refused_as_the_Functions_host_refuses_it()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => FunctionIndex.Scan([typeof(AdminRoute)]));

        Assert.Contains("admin", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_functions_on_one_method_and_route_are_refused_even_with_other_parameter_names()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => FunctionIndex.Scan([typeof(FirstOnRoute), typeof(SecondOnRoute)]));

        Assert.Contains("GET things/{}", refusal.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void One_method_and_route_taken_by_GET_and_PUT_functions_is_two_functions()
    {
        var functions = FunctionIndex.Scan([typeof(FirstOnRoute), typeof(PutOnRoute)]);

        Assert.Equal(2, functions.Count);
    }

    public sealed class AdminRoute
    {
        [Function(nameof(AdminRoute))]
        public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/things")] HttpRequest request) => Results.Ok();
    }

    public sealed class FirstOnRoute
    {
        [Function(nameof(FirstOnRoute))]
        public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "things/{id}")] HttpRequest request, string id) => Results.Ok(id);
    }

    public sealed class SecondOnRoute
    {
        [Function(nameof(SecondOnRoute))]
        public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "things/{name}")] HttpRequest request, string name) => Results.Ok(name);
    }

    public sealed class PutOnRoute
    {
        [Function(nameof(PutOnRoute))]
        public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "things/{id}")] HttpRequest request, string id) => Results.Ok(id);
    }
}
