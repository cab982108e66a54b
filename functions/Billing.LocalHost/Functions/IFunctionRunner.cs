namespace Billing.LocalHost.Functions;

/// <summary>A queue listener or timer runner of the local host, as the drift test and diagnostics see it: the function it runs and how.</summary>
public interface IFunctionRunner
{
    FunctionDefinition Function { get; }

    /// <summary>How it runs the function, in the terms of <c>functions.metadata</c> and <c>host.json</c> (queue and its settings, or resolved schedule).</summary>
    string Describe();
}
