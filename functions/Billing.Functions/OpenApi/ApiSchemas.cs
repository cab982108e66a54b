using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Billing.Functions.OpenApi;

/// <summary>
/// The JSON schemas of the document: each record type's schema exported by System.Text.Json's
/// <see cref="JsonSchemaExporter"/> (camelCase names as the functions write them; constructor parameters without
/// a default are required; <see cref="DescriptionAttribute"/> becomes the description), read into the OpenAPI model
/// once and referenced from <c>components/schemas</c> by the type's name.
/// </summary>
internal sealed class ApiSchemas(OpenApiDocument document)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerOptions.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private static readonly JsonSchemaExporterOptions Exporter = new() { TransformSchemaNode = Describe, TreatNullObliviousAsNonNullable = true };

    public IOpenApiSchema For(ApiShape shape)
    {
        IOpenApiSchema item = shape switch
        {
            { IsFile: true } => new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
            { Type: { } type } => Reference(type),
            _ => new OpenApiSchema { Type = JsonSchemaType.Object, Description = shape.Note },
        };
        return shape.IsList ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = item } : item;
    }

    private OpenApiSchemaReference Reference(Type type)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        if (!document.Components.Schemas.ContainsKey(type.Name))
        {
            JsonNode exported = Options.GetJsonSchemaAsNode(type, Exporter);
            OpenApiSchema schema = new OpenApiJsonReader().ReadFragment<OpenApiSchema>(exported, OpenApiSpecVersion.OpenApi3_1, document, out OpenApiDiagnostic diagnostic)
                ?? throw new InvalidOperationException($"The schema of {type.Name} could not be read.");
            if (diagnostic.Errors.Count > 0)
            {
                throw new InvalidOperationException($"The schema of {type.Name}: {string.Join("; ", diagnostic.Errors.Select(e => e.Message))}");
            }

            document.Components.Schemas[type.Name] = schema;
        }

        return new OpenApiSchemaReference(type.Name, document);
    }

    /// <summary>Adds the type's or property's description; an "anything" schema (a JsonElement) becomes an empty object schema.</summary>
    private static JsonNode Describe(JsonSchemaExporterContext context, JsonNode schema)
    {
        JsonObject node = schema as JsonObject ?? [];
        var attributes = context.PropertyInfo?.AttributeProvider ?? (context.Path.IsEmpty ? context.TypeInfo.Type : null);
        if (attributes?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: false).OfType<DescriptionAttribute>().FirstOrDefault() is { } description)
        {
            node["description"] = description.Description;
        }

        return node;
    }
}
