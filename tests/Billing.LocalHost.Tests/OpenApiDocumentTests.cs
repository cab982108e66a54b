using Billing.Functions.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Billing.LocalHost.Tests;

/// <summary>
/// The OpenAPI document both hosts serve at <c>/api/openapi.json</c>: valid OpenAPI read back by Microsoft.OpenApi,
/// the routes and methods of the built <c>functions.metadata</c> and no other, answers and security for each.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly Lazy<OpenApiDocument> Read = new(() =>
    {
        ReadResult result = OpenApiDocument.Parse(OpenApiDocumentBuilder.Json, "json");
        Assert.Empty(result.Diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        return result.Document!;
    });

    private static IEnumerable<(string Method, string Path, OpenApiOperation Operation)> Operations =>
        Read.Value.Paths.SelectMany(p => p.Value.Operations!.Select(o => (o.Key.Method, p.Key, (OpenApiOperation)o.Value)));

    [Fact]
    public void The_document_reads_back_as_OpenAPI_3_1_without_errors_or_validation_findings()
    {
        ReadResult result = OpenApiDocument.Parse(OpenApiDocumentBuilder.Json, "json");

        Assert.Empty(result.Diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic.SpecificationVersion);
        Assert.Empty(result.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet())!.Select(e => $"{e.Pointer}: {e.Message}"));
    }

    [Fact]
    public void The_document_lists_every_HTTP_route_and_method_of_functions_metadata_and_no_other()
    {
        var declared = FunctionMetadata.ReadBuilt().Where(f => f.TriggerType == "httpTrigger")
            .SelectMany(f => f.Triggers.Select(t => $"{f.Name}: {t.Replace("{*", "{", StringComparison.Ordinal)}"))
            .Order(StringComparer.Ordinal).ToArray();
        var documented = Operations.Select(o => $"{o.Operation.OperationId}: {o.Method} {o.Path}").Order(StringComparer.Ordinal).ToArray();

        Assert.Empty(documented.Except(declared).Select(d => $"documented but not declared: {d}"));
        Assert.Empty(declared.Except(documented).Select(d => $"declared but not documented: {d}"));
    }

    [Fact]
    public void Every_operation_answers_a_2xx_and_every_one_that_takes_input_a_problem_details_4xx()
    {
        Assert.All(Operations, o =>
        {
            string name = $"{o.Method} {o.Path}";
            Assert.True(o.Operation.Responses!.Keys.Any(k => k.StartsWith('2')), $"{name} has no 2xx answer");
            bool takesInput = o.Operation.RequestBody is not null || (o.Operation.Parameters ?? []).Any(p => p.In == ParameterLocation.Query && p.Required);
            if (takesInput)
            {
                Assert.True(
                    o.Operation.Responses.Any(r => r.Key.StartsWith('4') && r.Value.Content?.ContainsKey("application/problem+json") == true),
                    $"{name} takes input but has no problem-details 4xx");
            }

            Assert.All(o.Operation.Responses.Where(r => r.Key[0] is '4' or '5'), r => Assert.True(r.Value.Content?.ContainsKey("application/problem+json") == true, $"{name} {r.Key} is not problem details"));
        });
    }

    /// <summary>2xx JSON answers whose body is genuinely open, each with the reason.</summary>
    private static readonly Dictionary<string, string> OpenAnswers = new(StringComparer.Ordinal)
    {
        ["GET /api/openapi.json"] = "the body is this OpenAPI document, specified by OpenAPI 3.1 itself",
    };

    [Fact]
    public void Every_2xx_JSON_answer_lists_its_fields_but_the_listed_open_documents()
    {
        var shapeless = new List<string>();
        foreach (var (method, path, operation) in Operations)
        {
            foreach (var (status, response) in operation.Responses!.Where(r => r.Key.StartsWith('2')))
            {
                if (response.Content?.TryGetValue("application/json", out var json) != true)
                {
                    continue;
                }

                IOpenApiSchema schema = json!.Schema!;
                IOpenApiSchema item = schema.Type == JsonSchemaType.Array ? schema.Items! : schema;
                if (item.Properties is not { Count: > 0 } && !OpenAnswers.ContainsKey($"{method} {path}"))
                {
                    shapeless.Add($"{method} {path} {status}");
                }
            }
        }

        Assert.Empty(shapeless);
        Assert.All(OpenAnswers.Keys, answer => Assert.Contains(answer, Operations.Select(o => $"{o.Method} {o.Path}")));
    }

    [Fact]
    public void Manage_operations_and_payments_require_the_admin_key_and_nothing_else()
    {
        var operators = Operations.Where(o => o.Path.StartsWith("/api/manage/", StringComparison.Ordinal) || o.Path == "/api/payments").ToArray();

        Assert.NotEmpty(operators);
        Assert.All(operators, o => Assert.Equal([[OpenApiDocumentBuilder.AdminKey]], Schemes(o.Operation)));
        var scheme = Assert.IsType<OpenApiSecurityScheme>(Read.Value.Components!.SecuritySchemes![OpenApiDocumentBuilder.AdminKey]);
        Assert.Equal((SecuritySchemeType.ApiKey, ParameterLocation.Header, "x-admin-key"), (scheme.Type!.Value, scheme.In!.Value, scheme.Name));
    }

    [Fact]
    public void Usage_takes_the_ingest_key_or_the_signature_and_customer_routes_the_portal_key_or_the_admin_key()
    {
        var usage = Operations.Single(o => o is { Method: "POST", Path: "/api/usage" });
        var customer = Operations.Where(o => o.Path.StartsWith("/api/customers/", StringComparison.Ordinal) || o.Path.StartsWith("/api/invoices/", StringComparison.Ordinal)).ToArray();

        Assert.Equal([[OpenApiDocumentBuilder.IngestKey], [OpenApiDocumentBuilder.WebhookSignature]], Schemes(usage.Operation));
        Assert.Equal("x-billing-signature", Read.Value.Components!.SecuritySchemes![OpenApiDocumentBuilder.WebhookSignature].Name);
        Assert.NotEmpty(customer);
        Assert.All(customer, o => Assert.Equal([[OpenApiDocumentBuilder.AdminKey], [OpenApiDocumentBuilder.PortalKey]], Schemes(o.Operation)));
        Assert.Empty(Operations.Single(o => o.Path == "/api/health").Operation.Security ?? []);
    }

    [Fact]
    public void The_payment_body_schema_has_customer_amount_and_currency_with_customer_and_amount_required()
    {
        var payments = Operations.Single(o => o is { Method: "POST", Path: "/api/payments" }).Operation;
        IOpenApiSchema body = payments.RequestBody!.Content!["application/json"].Schema!;

        Assert.Contains("customer", body.Properties!.Keys);
        Assert.Contains("amount", body.Properties.Keys);
        Assert.Contains("currency", body.Properties.Keys);
        Assert.Contains("customer", body.Required!);
        Assert.Contains("amount", body.Required!);
        Assert.DoesNotContain("currency", body.Required!);
        Assert.Equal(JsonSchemaType.String, body.Properties["amount"].Type!.Value & ~JsonSchemaType.Null);
        Assert.Equal(["200", "201", "400", "401", "403", "409", "413", "415", "422"], payments.Responses!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Rendered_invoices_are_documented_as_PDF_and_HTML_files()
    {
        Assert.True(Operations.Single(o => o.Path == "/api/invoices/{number}/pdf").Operation.Responses!["200"].Content!.ContainsKey("application/pdf"));
        Assert.True(Operations.Single(o => o.Path == "/api/invoices/{number}/html").Operation.Responses!["200"].Content!.ContainsKey("text/html"));
    }

    [Fact]
    public void A_function_without_an_entry_in_ApiOperations_stops_the_document()
    {
        var missing = ApiOperations.ByFunction.Where(o => o.Key != "PaymentsHttp").ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);

        var refusal = Assert.Throws<InvalidOperationException>(() => OpenApiDocumentBuilder.Build(typeof(OpenApiDocumentBuilder).Assembly, missing));

        Assert.Contains("PaymentsHttp", refusal.Message, StringComparison.Ordinal);
    }

    private static string[][] Schemes(OpenApiOperation operation) =>
        [.. (operation.Security ?? []).Select(r => r.Keys.Select(k => k.Reference.Id!).ToArray())];
}
