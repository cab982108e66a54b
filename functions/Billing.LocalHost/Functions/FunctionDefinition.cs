using System.Reflection;

namespace Billing.LocalHost.Functions;

/// <summary>One <c>[Function]</c> method of the function app: its name, its class, the method and its trigger.</summary>
public sealed record FunctionDefinition(string Name, Type FunctionType, MethodInfo Method, FunctionTrigger Trigger)
{
    /// <summary>The method's parameter that carries the trigger attribute.</summary>
    public ParameterInfo TriggerParameter => Method.GetParameters().Single(FunctionIndex.IsTriggerParameter);
}
