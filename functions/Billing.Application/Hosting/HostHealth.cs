namespace Billing.Application.Hosting;

/// <summary><c>GET /api/health</c>: the host is up and serving (its start-up work, storage included, is done).</summary>
public static class HostHealth
{
    public static IResult Live() => Results.Ok(new { status = "ok" });
}
