using System.Security.Cryptography;
using System.Text;
using Billing.Domain.Accounts;

namespace Billing.Application.Accounts;

/// <summary>
/// The documents in force for a billing period of an invoiced customer's account: the catalog version that prices it and
/// the family's customer documents (plan, tax rate, coupons, credit limit, risk level, email, locale), parsed and as
/// stored. Two sets with the same <see cref="Fingerprint"/> are the same documents.
/// </summary>
public sealed record AccountDocuments(CatalogSnapshot Catalog, IReadOnlyList<Customer> Family, IReadOnlyList<RecordedCustomer> Records)
{
    /// <summary>The catalog version and every customer document, hashed (SHA-256, hex).</summary>
    public string Fingerprint { get; } = Hash(Catalog.Version, Records);

    /// <summary>The invoiced customer.</summary>
    public Customer Head => Family[0];

    /// <summary>What these documents record, for a settlement snapshot.</summary>
    public RecordedDocuments ToRecorded() => new(Catalog.Version, Records);

    /// <summary>The language and account manager a member's document names (the defaults when it has no document here).</summary>
    public CustomerProfile ProfileOf(string customerId) =>
        Records.FirstOrDefault(r => r.Id == customerId) is { } record ? CustomerProfile.FromDocument(record.Document) : CustomerProfile.Default;

    private static string Hash(long catalogVersion, IReadOnlyList<RecordedCustomer> records)
    {
        var text = new StringBuilder().Append(catalogVersion);
        foreach (var record in records)
        {
            text.Append('\n').Append(record.Id).Append('\n').Append(record.CreatedAt.UtcTicks).Append('\n').Append(record.Document);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
