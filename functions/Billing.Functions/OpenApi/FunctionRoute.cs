using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.OpenApi;

/// <summary>
/// The HTTP functions of an assembly as their <c>[Function]</c> and <c>[HttpTrigger]</c> attributes declare them
/// (the source the worker SDK writes <c>functions.metadata</c> from): name, route below the prefix, methods upper-case.
/// </summary>
public sealed partial record FunctionRoute(string Name, string Route, IReadOnlyList<string> Methods)
{
    /// <summary>The route as an OpenAPI path below <c>/api</c>: constraints dropped, a catch-all <c>{*name}</c> as <c>{name}</c>.</summary>
    public string Path => "/api/" + Parameter().Replace(Route, "{${name}}");

    /// <summary>The route's parameter names in order.</summary>
    public IReadOnlyList<string> Parameters => [.. Parameter().Matches(Route).Select(m => m.Groups["name"].Value)];

    public static IReadOnlyList<FunctionRoute> Scan(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var routes = new List<FunctionRoute>();
        foreach (Type type in assembly.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract))
        {
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is { } function
                    && method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null) is { } http)
                {
                    string[] methods = http.Methods is { Length: > 0 } declared ? [.. declared.Select(m => m.ToUpperInvariant())] : ["GET", "POST", "PUT", "DELETE", "PATCH"];
                    routes.Add(new FunctionRoute(function.Name, (http.Route ?? function.Name).Trim('/'), methods));
                }
            }
        }

        return [.. routes.OrderBy(r => r.Route, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"\{\*?(?<name>[^}:=?]+)[^}]*\}")]
    private static partial Regex Parameter();
}
