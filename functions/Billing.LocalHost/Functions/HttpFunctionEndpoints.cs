using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace Billing.LocalHost.Functions;

/// <summary>
/// Serves the HTTP functions as the Functions host does with the ASP.NET Core integration: each at
/// <c>/{routePrefix}/{route}</c> for its methods, the trigger parameter bound to the <see cref="HttpRequest"/>, other
/// parameters to the route values of the same name, a <see cref="CancellationToken"/> to the request's abort. A returned
/// <see cref="IResult"/> or <see cref="IActionResult"/> is executed; nothing returned is 204. Included: route
/// templates with constraints and catch-alls, as ASP.NET Core routing reads them. Excluded: function keys
/// (every function here is anonymous and does its own authorization).
/// </summary>
public static class HttpFunctionEndpoints
{
    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder endpoints, IEnumerable<FunctionDefinition> functions, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(functions);
        foreach (FunctionDefinition function in functions)
        {
            if (function.Trigger is not HttpFunctionTrigger http)
            {
                continue;
            }

            Refuse(function);
            string pattern = "/" + string.Join('/', new[] { routePrefix.Trim('/'), http.Route }.Where(s => s.Length > 0));
            RequestDelegate handler = context => InvokeAsync(function, context);
            IEndpointConventionBuilder endpoint = http.Methods.Count == 0
                ? endpoints.Map(pattern, handler)
                : endpoints.MapMethods(pattern, http.Methods.Select(m => m.ToUpperInvariant()), handler);
            endpoint.WithDisplayName(function.Name).WithMetadata(function);
        }

        return endpoints;
    }

    private static async Task InvokeAsync(FunctionDefinition function, HttpContext context)
    {
        object? result = await FunctionInvoker.InvokeAsync(function, context.RequestServices, p => Bind(p, context), context.RequestAborted);
        switch (result)
        {
            case IResult value:
                await value.ExecuteAsync(context);
                break;
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case null:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                await Results.Json(result).ExecuteAsync(context);
                break;
        }
    }

    private static object? Bind(ParameterInfo parameter, HttpContext context)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return context.Request;
        }

        if (parameter.ParameterType == typeof(HttpContext))
        {
            return context;
        }

        return parameter.Name is { } name && context.Request.RouteValues.TryGetValue(name, out object? value)
            ? FunctionInvoker.Convert(value?.ToString(), parameter.ParameterType)
            : FunctionInvoker.Unbound;
    }

    /// <summary>Stops the host on a parameter this host cannot bind, rather than passing null to the function.</summary>
    private static void Refuse(FunctionDefinition function)
    {
        var http = (HttpFunctionTrigger)function.Trigger;
        foreach (ParameterInfo parameter in function.Method.GetParameters())
        {
            bool bindable = parameter.ParameterType == typeof(HttpRequest)
                || parameter.ParameterType == typeof(HttpContext)
                || parameter.ParameterType == typeof(CancellationToken)
                || FunctionIndex.IsDurableClientParameter(parameter)
                || (parameter.Name is { } name && http.Route.Contains('{' + name, StringComparison.OrdinalIgnoreCase))
                || (parameter.Name is { } starred && http.Route.Contains("{*" + starred, StringComparison.OrdinalIgnoreCase));
            if (!bindable)
            {
                throw new InvalidOperationException($"Function '{function.Name}': the local host cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}).");
            }
        }
    }
}
