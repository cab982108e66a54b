using System.Text.Json;
using Billing.Domain.Accounts;
using Billing.Storage.Customers;

namespace Billing.Application.Accounts;

/// <summary>
/// What the customer document says about talking to the customer, beyond the billing rules: <c>locale</c>
/// (<c>zh-CN</c> for the Simplified Chinese tags of <see cref="Billing.Workflows.Scenarios.CustomerDocumentRules.SupportedLocales"/>,
/// otherwise English) and <c>accountManagerEmail</c> (copied on credit-limit news; an internationalised domain in punycode).
/// </summary>
public sealed class CustomerProfiles(CustomerStore customers)
{
    public async Task<CustomerProfile> GetAsync(string customerId, CancellationToken ct)
    {
        var record = await customers.GetAsync(customerId, ct);
        if (record is null)
        {
            return CustomerProfile.Default;
        }

        return CustomerProfile.FromDocument(record.Json);
    }
}

/// <summary>A customer's language and account manager.</summary>
public sealed record CustomerProfile(string Locale, string? AccountManagerEmail)
{
    public static CustomerProfile Default { get; } = new("en", null);

    /// <summary>The profile a stored customer document names.</summary>
    public static CustomerProfile FromDocument(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var chinese = root.TryGetProperty("locale", out var l) && l.ValueKind == JsonValueKind.String && l.GetString() is { } tag && tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var manager = root.TryGetProperty("accountManagerEmail", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        return new CustomerProfile(chinese ? "zh-CN" : "en", string.IsNullOrWhiteSpace(manager) ? null : EmailAddressSyntax.Normalize(manager, out _) ?? manager);
    }

    public bool IsChinese => Locale == "zh-CN";
}
