namespace Billing.Application.Configuration;

/// <summary>
/// The <c>Issuer</c> section: who sends invoices and where customers pay (shown on every invoice). Unset values are the
/// demo issuer's. The address is <see cref="AddressLines"/> as configured (<c>Issuer__AddressLines__0</c>, ...), or the demo
/// address when none is: configuration binding adds to a list's existing items, so the demo lines are not its default.
/// </summary>
public sealed class IssuerOptions
{
    public const string Section = "Issuer";

    public string Name { get; set; } = "BillingFunctions Demo Ltd";

    private static readonly string[] DemoAddress = ["1 Example Road", "Shanghai"];

    /// <summary>The configured address lines; empty when none are configured.</summary>
    public List<string> AddressLines { get; set; } = [];

    /// <summary>The address printed on invoices and receipts: the configured lines, else the demo address.</summary>
    public IReadOnlyList<string> Address => AddressLines.Count > 0 ? AddressLines : DemoAddress;

    public string TaxId { get; set; } = "N/A";

    public string Email { get; set; } = "billing@example.test";

    public string Bank { get; set; } = "Example Bank";

    public string Account { get; set; } = "0000 0000 0000";
}
