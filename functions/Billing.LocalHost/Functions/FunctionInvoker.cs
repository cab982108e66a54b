using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace Billing.LocalHost.Functions;

/// <summary>
/// Calls a function method as the isolated worker does: a new instance of its class per invocation, built from the
/// invocation's services (constructor injection), the trigger parameter and the others bound by the caller (a
/// <c>[DurableClient]</c> parameter left unbound gets the host's <c>DurableTaskClient</c>), and the
/// returned task awaited. Returns what the method returned (null for <c>void</c> and <c>Task</c>).
/// </summary>
public static class FunctionInvoker
{
    private static readonly ConcurrentDictionary<Type, ObjectFactory> Factories = new();

    /// <summary>
    /// Invokes <paramref name="function"/>; <paramref name="bind"/> supplies each parameter's value, or
    /// <see cref="Unbound"/> when it has none (a <see cref="CancellationToken"/> then gets <paramref name="cancellationToken"/>).
    /// </summary>
    public static async Task<object?> InvokeAsync(FunctionDefinition function, IServiceProvider services, Func<ParameterInfo, object?> bind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(bind);
        object? instance = function.Method.IsStatic
            ? null
            : Factories.GetOrAdd(function.FunctionType, type => ActivatorUtilities.CreateFactory(type, Type.EmptyTypes))(services, []);
        try
        {
            object?[] arguments = function.Method.GetParameters().Select(p => Argument(p, bind(p), services, cancellationToken)).ToArray();
            object? returned = function.Method.Invoke(instance, arguments);
            return await Awaited(returned);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    /// <summary>What a binder answers for a parameter it has no value for.</summary>
    public static readonly object Unbound = new();

    /// <summary>A route or setting value as the parameter's type (string as is; other types by their converter).</summary>
    public static object? Convert(string? value, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (value is null || type == typeof(string) || type == typeof(object))
        {
            return value;
        }

        Type target = Nullable.GetUnderlyingType(type) ?? type;
        return TypeDescriptor.GetConverter(target).ConvertFromString(null, CultureInfo.InvariantCulture, value);
    }

    private static object? Argument(ParameterInfo parameter, object? bound, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(bound, Unbound))
        {
            return bound;
        }

        if (FunctionIndex.IsDurableClientParameter(parameter))
        {
            return services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>();
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return cancellationToken;
        }

        return parameter.HasDefaultValue ? parameter.DefaultValue : null;
    }

    private static async Task<object?> Awaited(object? returned)
    {
        switch (returned)
        {
            case Task task:
                await task;
                Type type = task.GetType();
                return type.IsGenericType && type.GetProperty("Result") is { } result && result.PropertyType.Name != "VoidTaskResult"
                    ? result.GetValue(task)
                    : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            default:
                return returned;
        }
    }
}
