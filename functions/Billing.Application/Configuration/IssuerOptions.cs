namespace Billing.Application.Configuration;

/// <summary>The <c>Issuer</c> section: who sends invoices and where customers pay (shown on every invoice).</summary>
public sealed class IssuerOptions
{
    public const string Section = "Issuer";

    public string Name { get; set; } = "BillingFunctions Demo Ltd";

    public List<string> AddressLines { get; set; } = ["1 Example Road", "Shanghai"];

    public string TaxId { get; set; } = "N/A";

    public string Email { get; set; } = "billing@example.test";

    public string Bank { get; set; } = "Example Bank";

    public string Account { get; set; } = "0000 0000 0000";
}
