using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.OpenApi;

/// <summary><c>GET /api/openapi.json</c>: the OpenAPI 3.1 document of every HTTP function; anyone.</summary>
public sealed class OpenApiHttp
{
    [Function(nameof(OpenApiHttp))]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) => OpenApiDocumentBuilder.Serve();
}
