namespace Billing.Application.Imports;

/// <summary><c>GET /api/manage/imports</c>: every file import and its report; <c>POST /api/manage/imports/run</c>: import what is waiting now.</summary>
public static class ImportsAdminApi
{
    public static async Task<IResult> ListAsync(UsageImporter importer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(importer);
        return Results.Json(await importer.ListAsync(ct));
    }

    public static async Task<IResult> RunAsync(UsageImporter importer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(importer);
        return Results.Json(new { imported = await importer.RunAsync(ct) });
    }
}
