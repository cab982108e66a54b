using System.Text.Json;
using Billing.Domain.Accounts;
using Billing.Domain.Catalog;

namespace Billing.Workflows.Scenarios;

/// <summary>
/// The catalog and customer documents of the admin API, in the scenario format's shapes: a catalog is
/// <c>timezone</c>, <c>currency</c>, <c>meters</c>, <c>plans</c> and an optional <c>dunning</c>; a customer
/// is one entry of <c>customers</c> without its <c>id</c>. Faults throw <see cref="ScenarioFormatException"/>
/// naming the field.
/// </summary>
public static class CatalogDocument
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    /// <summary>
    /// Reads a catalog offered from outside (the admin API): it must satisfy <see cref="CatalogDocumentRules"/>
    /// (codes, property names, display text, the bounds of prices, rates and quantities) as well as the billing rules.
    /// </summary>
    public static ProductCatalog ReadCatalog(string json) =>
        WithRoot(json, root =>
        {
            CatalogDocumentRules.Check(root);
            return CatalogReader.Read(root);
        });

    /// <summary>
    /// Reads a catalog version already stored, by the billing rules only: a version published before
    /// <see cref="CatalogDocumentRules"/> applied still prices the periods it is in force for rather than taking every
    /// account down with it.
    /// </summary>
    public static ProductCatalog ReadStoredCatalog(string json) => WithRoot(json, CatalogReader.Read);

    /// <summary>
    /// Reads a customer document offered from outside (the admin API): <paramref name="id"/> and the document must
    /// satisfy <see cref="CustomerDocumentRules"/> as well as the billing rules; an <c>id</c> in the document must be
    /// <paramref name="id"/>.
    /// </summary>
    public static Customer ReadCustomer(string json, string id, ProductCatalog catalog, DateTimeOffset defaultStart) =>
        WithRoot(json, root =>
        {
            if (!CustomerDocumentRules.IsIdentifier(id))
            {
                throw new ScenarioFormatException("id", CustomerDocumentRules.IdentifierProblem);
            }

            var stated = root.Property("id");
            if (!stated.IsNull && (stated.Element.ValueKind != JsonValueKind.String || stated.Element.GetString() != id))
            {
                throw stated.Fault($"the document's id must be '{id}', the customer it is stored as (or be left out)");
            }

            CustomerDocumentRules.Check(root);
            return CustomerReader.Read(root, id, catalog, defaultStart);
        });

    /// <summary>
    /// Reads a customer document already stored, by the billing rules only: a document stored before
    /// <see cref="CustomerDocumentRules"/> applied still bills (its emails fail and are listed) rather than taking
    /// every account down with it.
    /// </summary>
    public static Customer ReadStoredCustomer(string json, string id, ProductCatalog catalog, DateTimeOffset defaultStart) =>
        WithRoot(json, root => CustomerReader.Read(root.ExpectObject(), id, catalog, defaultStart));

    private static T WithRoot<T>(string json, Func<JsonNode, T> read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            throw new ScenarioFormatException("$", $"not valid JSON (line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ScenarioFormatException("$", "must be a JSON object");
            }

            return read(new JsonNode(document.RootElement, string.Empty));
        }
    }
}
