using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.Functions.Hosting;

/// <summary>
/// An HTTP function that throws answers 500 as RFC 7807 problem details (through the application's
/// <see cref="IProblemDetailsService"/>, the same body the local host's exception handler writes), not the worker's bare
/// 500; the exception is logged with the function's name. Included: HTTP-triggered functions whose response has not
/// started. Excluded: queue, timer and Durable functions (they rethrow, so their triggers retry and poison as configured),
/// and a response already under way (rethrown: the connection is aborted rather than a corrupt body completed).
/// </summary>
public sealed partial class HttpProblemDetailsMiddleware(ILogger<HttpProblemDetailsMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception ex) when (context.GetHttpContext() is { Response.HasStarted: false } http && !http.RequestAborted.IsCancellationRequested)
        {
            LogFailed(ex, context.FunctionDefinition.Name);
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, Exception = ex });
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP function {Function} failed; answered 500 problem details")]
    private partial void LogFailed(Exception exception, string function);
}
