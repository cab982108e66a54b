using System.Text.Json;
using Billing.Domain.Accounts;

namespace Billing.Workflows.Scenarios;

/// <summary>
/// What a customer document must satisfy before it is stored or played, beyond the billing rules
/// <see cref="CustomerReader"/> checks, so that rendering, storage and email never refuse it later. Each fault
/// names its JSON path. Included: every string and property name <see cref="PlainText"/> (no control characters,
/// line or paragraph separators, bidirectional overrides or noncharacters);
/// <c>name</c> at most <see cref="MaxNameLength"/> characters and not blank; <c>email</c> and
/// <c>accountManagerEmail</c> as <see cref="EmailAddressSyntax"/> accepts them; <c>locale</c> one of
/// <see cref="SupportedLocales"/>; <c>parent</c>, coupon and pack codes as <see cref="IsIdentifier"/> accepts them;
/// <c>creditLimit</c>, coupon <c>amountOff</c> and pack <c>price</c> at most <see cref="CatalogDocumentRules.MaxPrice"/>
/// and pack <c>quantity</c> at most <see cref="CatalogDocumentRules.MaxQuantity"/>, with at most
/// <see cref="CatalogDocumentRules.MaxDecimals"/> decimal places as written (so a pack or coupon never overflows pricing);
/// any other string at most <see cref="MaxTextLength"/> characters. Excluded: the customer id, which comes from
/// outside the document (the URL, or a scenario's <c>id</c>) and is checked by <see cref="IsIdentifier"/> there.
/// </summary>
public static class CustomerDocumentRules
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 256;
    public const int MaxIdentifierLength = 64;

    /// <summary>
    /// The languages invoices and emails are written in: English (<c>en</c>, <c>en-US</c>, <c>en-GB</c>) and
    /// Simplified Chinese (<c>zh-CN</c>, <c>zh</c>, <c>zh-Hans</c>, <c>zh-SG</c>); compared without regard to case.
    /// </summary>
    public static IReadOnlySet<string> SupportedLocales { get; } =
        new HashSet<string>(["en", "en-US", "en-GB", "zh-CN", "zh", "zh-Hans", "zh-SG"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// An id or code: 1 to <see cref="MaxIdentifierLength"/> ASCII letters, digits, <c>.</c>, <c>_</c> and <c>-</c>,
    /// starting with a letter or digit (safe in URLs, storage keys, blob names and message ids as it is).
    /// </summary>
    public static bool IsIdentifier(string? text) =>
        text is { Length: > 0 and <= MaxIdentifierLength }
        && char.IsAsciiLetterOrDigit(text[0])
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>The sentence a refused id or code gets.</summary>
    public static string IdentifierProblem { get; } =
        $"must be 1 to {MaxIdentifierLength} ASCII letters, digits, '.', '_' or '-', starting with a letter or digit";

    /// <summary>Throws <see cref="ScenarioFormatException"/> naming the first field of the customer document that breaks a rule.</summary>
    internal static void Check(JsonNode customer)
    {
        var name = customer.Property("name");
        CheckText(customer.Element, customer.Path, name.Path);
        if (!name.IsNull)
        {
            var text = name.String();
            if (text.Length > MaxNameLength || string.IsNullOrWhiteSpace(text))
            {
                throw name.Fault($"must be 1 to {MaxNameLength} characters, not only spaces");
            }
        }

        CheckEmail(customer.Property("email"));
        CheckEmail(customer.Property("accountManagerEmail"));
        var locale = customer.Property("locale");
        if (!locale.IsNull && !SupportedLocales.Contains(locale.String()))
        {
            throw locale.Fault($"'{locale.String()}' is not a supported locale ({string.Join(", ", SupportedLocales)})");
        }

        CheckIdentifier(customer.Property("parent"));
        CatalogDocumentRules.Number(customer.Property("creditLimit"), CatalogDocumentRules.MaxPrice);
        foreach (var coupon in customer.Property("coupons").Items())
        {
            CheckIdentifier(coupon.Property("code"));
            CatalogDocumentRules.Number(coupon.Property("amountOff"), CatalogDocumentRules.MaxPrice);
        }

        foreach (var pack in customer.Property("packs").Items())
        {
            CheckIdentifier(pack.Property("code"));
            CatalogDocumentRules.Number(pack.Property("price"), CatalogDocumentRules.MaxPrice);
            CatalogDocumentRules.Number(pack.Property("quantity"), CatalogDocumentRules.MaxQuantity);
        }
    }

    private static void CheckEmail(JsonNode node)
    {
        if (!node.IsNull && EmailAddressSyntax.Normalize(node.String(), out var problem) is null)
        {
            throw node.Fault(problem);
        }
    }

    private static void CheckIdentifier(JsonNode node)
    {
        if (node.IsNull || node.Element.ValueKind != JsonValueKind.String)
        {
            return;
        }

        if (!IsIdentifier(node.Element.GetString()))
        {
            throw node.Fault(IdentifierProblem);
        }
    }

    /// <summary>Every string and property name <see cref="PlainText"/>; strings other than the name at most <see cref="MaxTextLength"/> characters.</summary>
    private static void CheckText(JsonElement element, string path, string namePath)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = JsonNode.Name(property, path);
                    var child = path.Length == 0 ? name : path + "." + name;
                    if (!PlainText.IsPlain(name) || name.Length > MaxTextLength)
                    {
                        throw new ScenarioFormatException(path.Length == 0 ? "$" : path, $"property names must be at most {MaxTextLength} characters of plain text (no control characters, line or paragraph separators, bidirectional overrides or noncharacters)");
                    }

                    CheckText(property.Value, child, namePath);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckText(item, $"{path}[{index++}]", namePath);
                }

                break;
            case JsonValueKind.String:
                var text = JsonNode.Text(element, path);
                if (!PlainText.IsPlain(text))
                {
                    throw new ScenarioFormatException(path, PlainText.Problem);
                }

                var limit = path == namePath ? MaxNameLength : MaxTextLength;
                if (text.Length > limit)
                {
                    throw new ScenarioFormatException(path, $"must be at most {limit} characters");
                }

                break;
        }
    }
}
