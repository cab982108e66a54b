using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Billing.LocalHost.Functions;

/// <summary>
/// The functions of the function app, read from the same attributes the worker SDK turns into
/// <c>functions.metadata</c>: every public method with <see cref="FunctionAttribute"/> and one HTTP, queue or timer
/// trigger parameter. A function with another trigger, two triggers, or a name or route used twice stops the host at
/// start, naming it: the local host serves exactly what the function app declares or does not start.
/// </summary>
public static class FunctionIndex
{
    /// <summary>The connection a queue trigger uses when its attribute names none, as in Functions.</summary>
    public const string DefaultConnection = "AzureWebJobsStorage";

    public static IReadOnlyList<FunctionDefinition> Scan(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return Scan(assembly.GetExportedTypes());
    }

    /// <summary>The functions declared by <paramref name="types"/> (classes only; abstract ones are skipped).</summary>
    public static IReadOnlyList<FunctionDefinition> Scan(IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var functions = new List<FunctionDefinition>();
        foreach (Type type in types.Where(t => t.IsClass && !t.IsAbstract))
        {
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is { } function)
                {
                    functions.Add(new FunctionDefinition(function.Name, type, method, Trigger(function.Name, method)));
                }
            }
        }

        Unique(functions.Select(f => f.Name), "function name");
        Unique(
            functions.Where(f => f.Trigger is HttpFunctionTrigger).SelectMany(f => ((HttpFunctionTrigger)f.Trigger).Methods.Select(m => $"{m} {RouteShape(((HttpFunctionTrigger)f.Trigger).Route)}")),
            "HTTP method and route");
        return functions.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>True for the parameter that carries a trigger attribute.</summary>
    public static bool IsTriggerParameter(ParameterInfo parameter) =>
        parameter.GetCustomAttributes().Any(a => a is HttpTriggerAttribute or QueueTriggerAttribute or TimerTriggerAttribute);

    private static FunctionTrigger Trigger(string name, MethodInfo method)
    {
        var triggers = method.GetParameters().Where(IsTriggerParameter).ToArray();
        if (triggers.Length != 1)
        {
            throw new InvalidOperationException($"Function '{name}' needs exactly one HTTP, queue or timer trigger parameter; it has {triggers.Length}.");
        }

        ParameterInfo parameter = triggers[0];
        if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
        {
            string route = (http.Route ?? name).Trim('/');
            string lowered = route.ToLowerInvariant();
            if (lowered.StartsWith("admin", StringComparison.Ordinal) || lowered.StartsWith("runtime", StringComparison.Ordinal))
            {
                // The Functions host refuses these: they are its own management and extension routes.
                throw new InvalidOperationException($"Function '{name}': route '{route}' conflicts with the Functions host's built-in routes (admin, runtime).");
            }

            string[] methods = http.Methods is { Length: > 0 } declared ? [.. declared.Select(m => m.ToLowerInvariant())] : [];
            return new HttpFunctionTrigger(route, methods);
        }

        if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
        {
            return new QueueFunctionTrigger(queue.QueueName, string.IsNullOrEmpty(queue.Connection) ? DefaultConnection : queue.Connection);
        }

        var timer = parameter.GetCustomAttribute<TimerTriggerAttribute>()!;
        return new TimerFunctionTrigger(timer.Schedule, timer.RunOnStartup);
    }

    /// <summary>A route with its parameter names blanked, so <c>a/{x}</c> and <c>a/{y}</c> count as the same route.</summary>
    private static string RouteShape(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route.ToLowerInvariant(), @"\{(\*?)[^}:]+(:[^}]*)?\}", "{$1}");

    private static void Unique(IEnumerable<string> keys, string what)
    {
        if (keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"The {what} '{twice.Key}' is declared by more than one function.");
        }
    }
}
