using System.Text.Json;
using Billing.Domain.Metering;

namespace Billing.Workflows.Scenarios;

/// <summary>
/// What a catalog offered from outside (<c>PUT /api/manage/catalog</c>, a scenario file) must satisfy before it is
/// stored or played, beyond the billing rules <see cref="CatalogReader"/> checks, so that pricing, storage and
/// ingestion never fail on it later. Each fault names its JSON path (<c>plans[0].charges[1].unitPrice</c>).
/// <para>Included:</para>
/// <list type="bullet">
/// <item>meter, plan and charge codes, and the meter a charge or free quota names, as
/// <see cref="CustomerDocumentRules.IsIdentifier"/> accepts ids (no <c>/</c>, <c>#</c>, <c>?</c>, <c>@</c> (the
/// separator of late-usage lines <c>&lt;charge&gt;@&lt;period&gt;</c>), NUL or spaces, at most 64 characters);</item>
/// <item>a meter's <c>property</c> as <see cref="EventPropertyName"/> accepts it (ingestion refuses every event
/// carrying any other name, so such a meter could never receive usage);</item>
/// <item>a meter's or charge's <c>name</c> and <c>unit</c>: at most <see cref="MaxDisplayLength"/> characters of
/// <see cref="PlainText"/>;</item>
/// </list>
/// <para>Excluded: catalog versions already stored, which <see cref="CatalogDocument.ReadStoredCatalog"/> reads by the
/// billing rules only; faults of type and shape, left to <see cref="CatalogReader"/>. Nothing is altered: text that
/// breaks a rule is refused, never cleaned.</para>
/// </summary>
public static class CatalogDocumentRules
{
    /// <summary>The longest meter or charge <c>name</c> and <c>unit</c>.</summary>
    public const int MaxDisplayLength = 100;

    /// <summary>Throws <see cref="ScenarioFormatException"/> naming the first field of the catalog that breaks a rule.</summary>
    internal static void Check(JsonNode root)
    {
        foreach (var meter in root.Property("meters").Items())
        {
            Identifier(meter.Property("code"));
            var property = meter.Property("property");
            if (StringOf(property) is { } name && !EventPropertyName.IsValid(name))
            {
                throw property.Fault($"must be a name an event property can have: {EventPropertyName.Rule}");
            }

            DisplayText(meter.Property("name"));
            DisplayText(meter.Property("unit"));
        }

        foreach (var plan in root.Property("plans").Items())
        {
            Identifier(plan.Property("code"));
            foreach (var charge in plan.Property("charges").Items())
            {
                CheckCharge(charge);
            }

            foreach (var quota in plan.Property("freeQuota").Items())
            {
                Identifier(quota.Property("meter"));
            }
        }
    }

    private static void CheckCharge(JsonNode charge)
    {
        Identifier(charge.Property("code"));
        Identifier(charge.Property("meter"));
        DisplayText(charge.Property("name"));
        DisplayText(charge.Property("unit"));
    }

    private static void Identifier(JsonNode node)
    {
        if (StringOf(node) is { } text && !CustomerDocumentRules.IsIdentifier(text))
        {
            throw node.Fault(CustomerDocumentRules.IdentifierProblem);
        }
    }

    private static void DisplayText(JsonNode node)
    {
        if (StringOf(node) is not { } text)
        {
            return;
        }

        if (text.Length > MaxDisplayLength)
        {
            throw node.Fault($"must be at most {MaxDisplayLength} characters");
        }

        if (!PlainText.IsPlain(text))
        {
            throw node.Fault(PlainText.Problem);
        }
    }

    /// <summary>The string at <paramref name="node"/>; null when absent or of another type (the reader refuses that where it matters).</summary>
    private static string? StringOf(JsonNode node) =>
        node.Element.ValueKind == JsonValueKind.String ? JsonNode.Text(node.Element, node.Path) : null;
}
