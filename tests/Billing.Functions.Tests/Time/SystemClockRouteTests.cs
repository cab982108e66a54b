using System.Net;
using Billing.Application.Security;
using Billing.Functions.Tests.Fixtures;

namespace Billing.Functions.Tests.Time;

/// <summary>
/// The clock routes on a host that runs on the system clock: <c>GET /api/manage/clock</c> answers the wall clock's
/// time and <c>simulated: false</c>; <c>POST /api/manage/clock/advance</c> is a 409 and moves nothing.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class SystemClockRouteTests(HostFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsurePrimaryAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_system_clock_reads_as_not_simulated_and_refuses_to_advance()
    {
        var before = DateTimeOffset.UtcNow;
        var read = await AdminAsync(HttpMethod.Get, "api/manage/clock", null);
        var after = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.False(read.Json.GetProperty("simulated").GetBoolean());
        Assert.InRange(read.Json.GetProperty("now").GetDateTimeOffset(), before.AddMinutes(-1), after.AddMinutes(1));

        var advance = await AdminAsync(HttpMethod.Post, "api/manage/clock/advance", """{"to":"2100-01-01T00:00:00Z"}""");

        Assert.Equal(HttpStatusCode.Conflict, advance.Status);
        Assert.Equal("application/problem+json", advance.ContentType);
        Assert.Contains("Billing__Clock=simulated", advance.Text, StringComparison.Ordinal);
        var again = await AdminAsync(HttpMethod.Get, "api/manage/clock", null);
        Assert.True(again.Json.GetProperty("now").GetDateTimeOffset() < new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero), again.ToString());
    }

    private async Task<ApiResponse> AdminAsync(HttpMethod method, string path, string? json)
    {
        using var request = fixture.Api.Request(method, path, json);
        request.Headers.Add(AdminKeyFilter.HeaderName, HostFixture.AdminKey);
        return await fixture.Api.SendAsync(request);
    }
}
