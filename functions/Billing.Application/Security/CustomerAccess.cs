using Billing.Application.Configuration;
using Billing.Application.Http;
using Billing.Storage.Customers;
using Microsoft.Extensions.Options;

namespace Billing.Application.Security;

/// <summary>
/// Who may read a customer's data: operators (<c>x-admin-key</c>) and that customer itself
/// (<c>Authorization: Bearer &lt;portal key&gt;</c>, compared with the stored digest). A portal key never opens
/// another customer's data, and a wrong key does not reveal whether the customer exists.
/// </summary>
public sealed class CustomerAccess(IOptions<BillingOptions> options, CustomerStore customers)
{
    /// <summary>
    /// For a lookup that found nothing (an unknown invoice number): null when the request carries a valid admin key
    /// or a bearer key at all (so the caller is told the thing does not exist, the same answer as for another
    /// customer's), otherwise the 401 to return.
    /// </summary>
    public IResult? CredentialRefusal(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var admin = request.Headers[AdminKeyFilter.HeaderName].ToString();
        if (admin.Length > 0)
        {
            var configured = options.Value.AdminKey;
            return string.IsNullOrEmpty(configured) || !ApiKeys.Matches(admin, [ApiKeys.Digest(configured)])
                ? Problems.Unauthorized($"{AdminKeyFilter.HeaderName} is not valid")
                : null;
        }

        return request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? null
            : Problems.Unauthorized("send Authorization: Bearer <portal key> or x-admin-key");
    }

    /// <summary>Null when the request may read the customer; otherwise the refusal to return.</summary>
    public async Task<IResult?> RefusalAsync(HttpRequest request, string customerId, CancellationToken ct)
    {
        var admin = request.Headers[AdminKeyFilter.HeaderName].ToString();
        if (admin.Length > 0)
        {
            var configured = options.Value.AdminKey;
            if (string.IsNullOrEmpty(configured) || !ApiKeys.Matches(admin, [ApiKeys.Digest(configured)]))
            {
                return Problems.Unauthorized($"{AdminKeyFilter.HeaderName} is not valid");
            }

            return await customers.GetAsync(customerId, ct) is null ? Problems.NotFound($"unknown customer '{customerId}'") : null;
        }

        var authorization = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Unauthorized("send Authorization: Bearer <portal key> or x-admin-key");
        }

        var record = await customers.GetAsync(customerId, ct);
        return record is not null && ApiKeys.Matches(authorization[scheme.Length..].Trim(), [record.PortalKeyDigest])
            ? null
            : Problems.Forbidden("this key does not open that customer's data");
    }
}
