using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace Billing.Functions.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of the function app: every HTTP route and method from the functions' trigger attributes
/// (<see cref="FunctionRoute"/>), each operation's summary, query parameters, body, answers and security from
/// <see cref="ApiOperations"/>, schemas from the contract records (<see cref="ApiSchemas"/>). Both hosts serve the
/// same document: it depends on the assembly only. Security schemes: <c>adminKey</c> (header <c>x-admin-key</c>),
/// <c>portalKey</c> and <c>ingestKey</c> (HTTP bearer), <c>webhookSignature</c> (header <c>x-billing-signature</c>).
/// </summary>
public static class OpenApiDocumentBuilder
{
    public const string AdminKey = "adminKey";
    public const string PortalKey = "portalKey";
    public const string IngestKey = "ingestKey";
    public const string WebhookSignature = "webhookSignature";

    private static readonly Lazy<string> Served = new(() => Build(typeof(OpenApiDocumentBuilder).Assembly, ApiOperations.ByFunction)
        .SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1).GetAwaiter().GetResult());

    /// <summary>The function app's document as JSON, built once.</summary>
    public static string Json => Served.Value;

    /// <summary><c>GET /api/openapi.json</c>.</summary>
    public static IResult Serve() => Results.Text(Json, "application/json");

    public static OpenApiDocument Build(Assembly functionApp, IReadOnlyDictionary<string, ApiOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var routes = FunctionRoute.Scan(functionApp);
        var undocumented = routes.Select(r => r.Name).Where(n => !operations.ContainsKey(n)).ToArray();
        var unknown = operations.Keys.Except(routes.Select(r => r.Name), StringComparer.Ordinal).ToArray();
        if (undocumented.Length > 0 || unknown.Length > 0)
        {
            throw new InvalidOperationException($"ApiOperations and the HTTP functions differ: undocumented {string.Join(", ", undocumented)}; no such function {string.Join(", ", unknown)}.");
        }

        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "BillingFunctions",
                Version = "1",
                Description = "Usage webhooks, metering, rating, invoices, payments and collections. Errors are RFC 7807 problem details; input faults name the field in errors.",
            },
            Paths = [],
            Components = new OpenApiComponents { SecuritySchemes = SecuritySchemes() },
        };
        var schemas = new ApiSchemas(document);
        foreach (var route in routes)
        {
            if (!document.Paths.TryGetValue(route.Path, out IOpenApiPathItem? item))
            {
                item = new OpenApiPathItem { Operations = [] };
                document.Paths.Add(route.Path, item);
            }

            foreach (string method in route.Methods)
            {
                ((OpenApiPathItem)item).Operations!.Add(new HttpMethod(method), Operation(document, schemas, route, operations[route.Name]));
            }
        }

        return document;
    }

    private static Dictionary<string, IOpenApiSecurityScheme> SecuritySchemes() => new(StringComparer.Ordinal)
    {
        [AdminKey] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "x-admin-key", Description = "The operators' key (Billing__AdminKey)." },
        [PortalKey] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "A customer's portal key, shown once when the customer is created; opens that customer's data only." },
        [IngestKey] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "An ingest key (Billing__IngestKeys__N)." },
        [WebhookSignature] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "x-billing-signature",
            Description = "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" with the signing secret>; valid 5 minutes against the host's clock, once.",
        },
    };

    private static OpenApiOperation Operation(OpenApiDocument document, ApiSchemas schemas, FunctionRoute route, ApiOperation detail)
    {
        var operation = new OpenApiOperation
        {
            OperationId = route.Name,
            Summary = detail.Summary,
            Tags = new HashSet<OpenApiTagReference> { new(Tag(document, route), document) },
            Parameters = [.. route.Parameters.Select(PathParameter), .. detail.Query.Select(QueryParameter)],
            Responses = [],
            Security = Security(document, detail.Access),
        };
        if (detail.Body is { } body)
        {
            IOpenApiSchema schema = body.Shapes.Count == 1
                ? schemas.For(body.Shapes[0])
                : new OpenApiSchema { OneOf = [.. body.Shapes.Select(schemas.For)] };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = $"At most {body.MaxBytes} bytes.",
                Content = body.ContentTypes.ToDictionary(t => t, _ => (IOpenApiMediaType)new OpenApiMediaType { Schema = schema }, StringComparer.Ordinal),
            };
        }

        foreach (ApiAnswer answer in detail.Answers.Concat(Implied(detail)).GroupBy(a => a.Status).Select(g => g.First()).OrderBy(a => a.Status))
        {
            var response = new OpenApiResponse { Description = answer.Description };
            if (answer is { ContentType: { } type, Shape: { } shape })
            {
                response.Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { [type] = new OpenApiMediaType { Schema = schemas.For(shape) } };
            }

            operation.Responses.Add(answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), response);
        }

        return operation;
    }

    /// <summary>The answers every operation of its kind gives: credentials refused, a body of the wrong size or type.</summary>
    private static IEnumerable<ApiAnswer> Implied(ApiOperation detail)
    {
        switch (detail.Access)
        {
            case ApiAccess.Admin:
                yield return ApiAnswer.Problem(401, "x-admin-key missing or wrong");
                yield return ApiAnswer.Problem(403, "no admin key is configured on the host");
                break;
            case ApiAccess.CustomerOrAdmin:
                yield return ApiAnswer.Problem(401, "no portal key or admin key, or a wrong admin key");
                yield return ApiAnswer.Problem(403, "the portal key does not open this customer's data");
                yield return ApiAnswer.Problem(404, "unknown customer or invoice");
                break;
            case ApiAccess.Ingest:
                yield return ApiAnswer.Problem(401, "no valid ingest key or signature");
                break;
        }

        if (detail.Body is not null)
        {
            yield return ApiAnswer.Problem(400, "malformed JSON or a malformed field, named in errors");
            yield return ApiAnswer.Problem(413, "the body is larger than allowed");
            yield return ApiAnswer.Problem(415, "the content type is not accepted");
        }
    }

    private static List<OpenApiSecurityRequirement>? Security(OpenApiDocument document, ApiAccess access)
    {
        OpenApiSecurityRequirement One(string scheme) => new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
        return access switch
        {
            ApiAccess.Admin => [One(AdminKey)],
            ApiAccess.CustomerOrAdmin => [One(AdminKey), One(PortalKey)],
            ApiAccess.Ingest => [One(IngestKey), One(WebhookSignature)],
            _ => null,
        };
    }

    /// <summary>The operation's tag (<c>operators</c> for <c>manage/</c>, else the route's first segment), declared on the document once.</summary>
    private static string Tag(OpenApiDocument document, FunctionRoute route)
    {
        string name = route.Route.StartsWith("manage/", StringComparison.Ordinal) ? "operators" : route.Route.Split('/')[0];
        document.Tags ??= new HashSet<OpenApiTag>();
        if (!document.Tags.Any(t => t.Name == name))
        {
            document.Tags.Add(new OpenApiTag { Name = name });
        }

        return name;
    }

    private static OpenApiParameter PathParameter(string name) =>
        new() { Name = name, In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };

    private static OpenApiParameter QueryParameter(ApiQuery query) => new()
    {
        Name = query.Name,
        In = ParameterLocation.Query,
        Required = query.Required,
        Description = query.Description,
        Schema = query.Format == "int32"
            ? new OpenApiSchema { Type = JsonSchemaType.Integer, Format = query.Format }
            : new OpenApiSchema { Type = JsonSchemaType.String, Format = query.Format },
    };
}
