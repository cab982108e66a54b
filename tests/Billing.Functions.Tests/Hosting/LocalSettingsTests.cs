using System.Globalization;
using System.Net;
using System.Text.Json;
using Billing.Functions.Tests.Fixtures;
using Billing.Storage.Emulator;

namespace Billing.Functions.Tests.Hosting;

/// <summary>
/// Which settings file the host reads: <c>local.settings.json</c> when present, else (in Development) the committed
/// sample, which never supplies a secret. The port each file names shows which one was read; an admin key each file
/// names shows whether it opens admin routes.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class LocalSettingsTests(HostFixture fixture) : IDisposable
{
    private const string SampleKey = "sample-admin-key";

    private readonly string folder = Directory.CreateTempSubdirectory("billing-host-settings-").FullName;

    [Fact]
    public async Task The_sample_is_not_read_when_local_settings_json_exists()
    {
        var localPort = LoopbackPorts.Free();
        WriteSettings("local.settings.json", localPort, adminKey: null);
        WriteSettings("local.settings.sample.json", LoopbackPorts.Free(), SampleKey);

        await using var host = StartHost();
        await host.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(90));

        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Now listening on: http://127.0.0.1:{localPort}"), host.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, await AdminCatalogStatusAsync(localPort, SampleKey));
    }

    [Fact]
    public async Task The_sample_read_in_place_of_a_missing_local_settings_json_supplies_no_secret()
    {
        var samplePort = LoopbackPorts.Free();
        WriteSettings("local.settings.sample.json", samplePort, SampleKey);

        await using var host = StartHost();
        await host.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(90));

        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Now listening on: http://127.0.0.1:{samplePort}"), host.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, await AdminCatalogStatusAsync(samplePort, SampleKey));
    }

    [Fact]
    public void The_committed_sample_carries_what_func_start_needs_and_no_working_secret()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "functions", "Billing.Functions", "local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());

        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
        Assert.All(
            values.Where(v => v.Key.EndsWith("Key", StringComparison.Ordinal) || v.Key.Contains("Keys__", StringComparison.Ordinal) || v.Key.EndsWith("Secret", StringComparison.Ordinal)),
            secret => Assert.True(string.IsNullOrEmpty(secret.Value), $"{secret.Key} has a value in the committed sample"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private void WriteSettings(string name, int port, string? adminKey)
    {
        var values = new Dictionary<string, string> { ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated" };
        if (adminKey is not null)
        {
            values["Billing__AdminKey"] = adminKey;
        }

        File.WriteAllText(Path.Combine(folder, name), JsonSerializer.Serialize(new { IsEncrypted = false, Values = values, Host = new { LocalHttpPort = port } }));
    }

    /// <summary>The built host in Development with this test's folder as content root; storage from the environment.</summary>
    private ChildProgram StartHost() => ChildProgram.Start(
        HostFixture.HostDll,
        ["--contentRoot", folder],
        new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = fixture.Azurite.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = null,
            ["Billing__AdminKey"] = null,
        },
        folder);

    private static async Task<HttpStatusCode> AdminCatalogStatusAsync(int port, string key)
    {
        using var http = new HttpClient { BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/manage/catalog");
        request.Headers.Add("x-admin-key", key);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
