using Billing.Application.Configuration;
using Billing.Application.Http;
using Microsoft.Extensions.Options;

namespace Billing.Application.Security;

/// <summary>Admin routes require <c>x-admin-key</c> equal to <c>Billing:AdminKey</c>; without a configured key they are closed.</summary>
public sealed class AdminKeyFilter(IOptions<BillingOptions> options) : IEndpointFilter
{
    public const string HeaderName = "x-admin-key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Refusal(context.HttpContext.Request) ?? await next(context);

    /// <summary>The answer to a request without the admin key (401, or 403 while no key is configured); null when it has it.</summary>
    public IResult? Refusal(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var configured = options.Value.AdminKey;
        var presented = request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(configured))
        {
            return Problems.Forbidden("admin routes are closed: Billing:AdminKey is not configured");
        }

        if (string.IsNullOrEmpty(presented))
        {
            return Problems.Unauthorized($"{HeaderName} header required");
        }

        return ApiKeys.Matches(presented, [ApiKeys.Digest(configured)]) ? null : Problems.Unauthorized($"{HeaderName} is not valid");
    }
}
