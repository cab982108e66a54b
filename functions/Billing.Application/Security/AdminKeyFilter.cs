using Billing.Application.Configuration;
using Billing.Application.Http;
using Microsoft.Extensions.Options;

namespace Billing.Application.Security;

/// <summary>
/// The operators' check: operator functions (<c>/api/manage/...</c>, and <c>POST /api/payments</c>) require
/// <c>x-admin-key</c> equal to <c>Billing:AdminKey</c>; without a configured key they are closed. Each such function
/// answers <see cref="Refusal"/> when it is not null, before anything else.
/// </summary>
public sealed class AdminKeyFilter(IOptions<BillingOptions> options)
{
    public const string HeaderName = "x-admin-key";

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
