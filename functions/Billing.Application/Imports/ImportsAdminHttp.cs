namespace Billing.Application.Imports;

/// <summary><c>GET /api/manage/imports</c>: every file import and its report; <c>POST /api/manage/imports/run</c>: import what is waiting now.</summary>
public static class ImportsAdminHttp
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/imports", async (UsageImporter importer, CancellationToken ct) => Results.Json(await importer.ListAsync(ct)));
        admin.MapPost("/imports/run", async (UsageImporter importer, CancellationToken ct) => Results.Json(new { imported = await importer.RunAsync(ct) }));
    }
}
