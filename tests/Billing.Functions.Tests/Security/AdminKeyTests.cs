using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Billing.Application.Security;
using Billing.Functions.Tests.Fixtures;

namespace Billing.Functions.Tests.Security;

/// <summary>
/// Every operator function of the function app (each HTTP function under <c>manage/</c> in the built
/// <c>functions.metadata</c>, for each of its methods) refuses a request without the admin key: 401 without the
/// <c>x-admin-key</c> header or with a wrong one, 403 while the host has no admin key configured. A function added
/// without the check fails here.
/// </summary>
[Collection(HostCollection.Name)]
public sealed partial class AdminKeyTests(HostFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsurePrimaryAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_manage_function_answers_401_without_the_admin_key_or_with_a_wrong_one()
    {
        var functions = ManageFunctions();

        var refusals = new List<string>();
        foreach (var (name, method, path) in functions)
        {
            var missing = await SendAsync(fixture.Api, method, path, key: null);
            var wrong = await SendAsync(fixture.Api, method, path, key: "not-" + HostFixture.AdminKey);
            refusals.Add(Verdict(name, method, path, missing, HttpStatusCode.Unauthorized, "header required"));
            refusals.Add(Verdict(name, method, path, wrong, HttpStatusCode.Unauthorized, "is not valid"));
        }

        Assert.All(refusals, verdict => Assert.True(verdict.Length == 0, verdict));
    }

    [Fact]
    public async Task Every_manage_function_answers_403_while_no_admin_key_is_configured()
    {
        var functions = ManageFunctions();
        await using var closed = await fixture.StartHostAsync(new Dictionary<string, string>(StringComparer.Ordinal) { ["Billing__AdminKey"] = string.Empty });
        var api = new BillingApi(closed.BaseAddress);

        var refusals = new List<string>();
        foreach (var (name, method, path) in functions)
        {
            var response = await SendAsync(api, method, path, key: HostFixture.AdminKey);
            refusals.Add(Verdict(name, method, path, response, HttpStatusCode.Forbidden, "Billing:AdminKey is not configured"));
        }

        Assert.All(refusals, verdict => Assert.True(verdict.Length == 0, verdict));
    }

    /// <summary>
    /// (function, method, path) for every method of every HTTP function whose route starts with <c>manage/</c>, route
    /// parameters filled in with a value no record has (a function that skipped the check would answer 4xx or 2xx, not 401).
    /// </summary>
    private static List<(string Name, HttpMethod Method, string Path)> ManageFunctions()
    {
        var metadata = Path.Combine(Path.GetDirectoryName(HostFixture.HostDll)!, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(metadata));
        var functions = new List<(string, HttpMethod, string)>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                if (binding.GetProperty("type").GetString() != "httpTrigger"
                    || binding.GetProperty("route").GetString() is not { } route
                    || !route.StartsWith("manage/", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var path = "api/" + RouteParameter().Replace(route, "no-such-thing");
                foreach (var method in binding.GetProperty("methods").EnumerateArray())
                {
                    functions.Add((function.GetProperty("name").GetString()!, new HttpMethod(method.GetString()!.ToUpperInvariant()), path));
                }
            }
        }

        // A missing or stale metadata file must not pass for a checked one.
        Assert.True(functions.Count >= 24, $"{functions.Count} manage functions in {metadata}");
        Assert.Contains(functions, f => f.Item3 == "api/manage/catalog" && f.Item2 == HttpMethod.Put);
        Assert.Contains(functions, f => f.Item3 == "api/manage/clock/advance" && f.Item2 == HttpMethod.Post);
        return functions;
    }

    private static async Task<ApiResponse> SendAsync(BillingApi api, HttpMethod method, string path, string? key)
    {
        var body = method == HttpMethod.Get || method == HttpMethod.Head ? null : "{}";
        using var request = api.Request(method, path, body);
        if (key is not null)
        {
            request.Headers.Add(AdminKeyFilter.HeaderName, key);
        }

        return await api.SendAsync(request);
    }

    /// <summary>Empty when the response is the expected problem; else what went wrong, naming the function.</summary>
    private static string Verdict(string name, HttpMethod method, string path, ApiResponse response, HttpStatusCode expected, string detail) =>
        response.Status == expected && response.ContentType == "application/problem+json" && response.Text.Contains(detail, StringComparison.Ordinal)
            ? string.Empty
            : $"{name} ({method} /{path}) answered {response}; expected {(int)expected} '{detail}'";

    [GeneratedRegex(@"\{\*?[^}]+\}")]
    private static partial Regex RouteParameter();
}
