namespace Billing.Functions.OpenApi;

/// <summary>Who may call an HTTP function, as the OpenAPI document's security requirements state it.</summary>
public enum ApiAccess
{
    /// <summary>No credentials (health, the document itself, the cost calculator).</summary>
    Anyone,

    /// <summary>Operators: the <c>x-admin-key</c> header.</summary>
    Admin,

    /// <summary>Operators (<c>x-admin-key</c>) or the customer itself (<c>Authorization: Bearer &lt;portal key&gt;</c>).</summary>
    CustomerOrAdmin,

    /// <summary>Usage senders: <c>Authorization: Bearer &lt;ingest key&gt;</c> or the <c>x-billing-signature</c> HMAC header.</summary>
    Ingest,
}
