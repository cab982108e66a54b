using System.Collections.Immutable;
using System.Text.Json;
using Billing.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Billing.LocalHost.Tests;

/// <summary>
/// The function app's failure answer (the Functions host cannot run here, so the middleware is driven at the worker
/// SDK's boundary: a <see cref="FunctionContext"/> carrying the ASP.NET Core <see cref="HttpContext"/> as the worker does).
/// </summary>
public sealed class HttpProblemDetailsMiddlewareTests
{
    [Fact]
    public async Task An_http_function_that_throws_answers_500_problem_details()
    {
        var (context, http) = Invocation();
        var middleware = new HttpProblemDetailsMiddleware(NullLogger<HttpProblemDetailsMiddleware>.Instance);

        await middleware.Invoke(context, _ => throw new InvalidOperationException("storage said no"));

        Assert.Equal(500, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        http.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.Equal(500, body.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task A_function_without_an_http_request_rethrows_so_its_trigger_retries()
    {
        var (context, _) = Invocation(withHttp: false);
        var middleware = new HttpProblemDetailsMiddleware(NullLogger<HttpProblemDetailsMiddleware>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.Invoke(context, _ => throw new InvalidOperationException("queue message failed")));
    }

    [Fact]
    public async Task A_function_that_answers_is_left_alone()
    {
        var (context, http) = Invocation();
        var middleware = new HttpProblemDetailsMiddleware(NullLogger<HttpProblemDetailsMiddleware>.Instance);

        await middleware.Invoke(context, _ =>
        {
            http.Response.StatusCode = 202;
            return Task.CompletedTask;
        });

        Assert.Equal(202, http.Response.StatusCode);
        Assert.Equal(0, http.Response.Body.Length);
    }

    private static (FunctionContext Context, HttpContext Http) Invocation(bool withHttp = true)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();
        var items = new Dictionary<object, object>();
        if (withHttp)
        {
            // Where the worker's ASP.NET Core integration puts the request (FunctionContext.GetHttpContext reads it).
            items["HttpRequestContext"] = http;
        }

        return (new TestFunctionContext(items, services), http);
    }

    private sealed class TestFunctionContext(IDictionary<object, object> items, IServiceProvider services) : FunctionContext
    {
        public override string InvocationId => "invocation-1";

        public override string FunctionId => "function-1";

        public override TraceContext TraceContext => null!;

        public override BindingContext BindingContext => null!;

        public override RetryContext RetryContext => null!;

        public override IServiceProvider InstanceServices { get; set; } = services;

        public override FunctionDefinition FunctionDefinition { get; } = new TestFunctionDefinition();

        public override IDictionary<object, object> Items { get; set; } = items;

        public override IInvocationFeatures Features => null!;
    }

    private sealed class TestFunctionDefinition : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => "Billing.Functions.dll";

        public override string EntryPoint => "Billing.Functions.Test.Run";

        public override string Id => "function-1";

        public override string Name => "TestHttp";

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
