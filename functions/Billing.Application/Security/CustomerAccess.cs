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
    private IResult? CredentialRefusal(HttpRequest request)
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

    /// <summary>
    /// For a thing looked up by its number (an invoice) that belongs to <paramref name="owner"/> (null: no such number):
    /// null when the request may read it; otherwise the refusal. A key that does not open the owner's data gets the
    /// 404 <paramref name="notFound"/>, as an unknown number does, so that it cannot tell which numbers exist.
    /// </summary>
    public async Task<IResult?> NumberedRefusalAsync(HttpRequest request, string? owner, string notFound, CancellationToken ct)
    {
        if (owner is null)
        {
            return CredentialRefusal(request) ?? Problems.NotFound(notFound);
        }

        var refusal = await RefusalAsync(request, owner, ct);
        return refusal is IStatusCodeHttpResult { StatusCode: StatusCodes.Status403Forbidden } ? Problems.NotFound(notFound) : refusal;
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
