using Billing.Application.Http;

namespace Billing.Application.Imports;

/// <summary>
/// <c>GET /api/manage/imports</c>: every file import and its report, by file name, paged like every admin list
/// (<see cref="Paging"/>: <c>{"items": [...], "continuationToken"}</c>); <c>POST /api/manage/imports/run</c>: import
/// what is waiting now.
/// </summary>
public static class ImportsAdminApi
{
    private const string List = "imports";

    public static async Task<IResult> ListAsync(HttpRequest request, UsageImporter importer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(importer);
        var (paging, position, problem) = Paging.ReadFor(request, List);
        if (problem is not null)
        {
            return problem;
        }

        var (page, next) = await importer.PageAsync(position, paging!.Limit, ct);
        return Results.Json(new { items = page, continuationToken = PageToken.Encode(List, next) });
    }

    public static async Task<IResult> RunAsync(UsageImporter importer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(importer);
        return Results.Json(new { imported = await importer.RunAsync(ct) });
    }
}
