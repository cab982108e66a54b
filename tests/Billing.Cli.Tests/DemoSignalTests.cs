using System.Globalization;
using System.Net;
using Billing.Cli.Tests.Support;
using Billing.Functions.Tests.Hosting;
using Billing.Storage.Emulator;

namespace Billing.Cli.Tests;

/// <summary>
/// <c>billing demo</c> stops on one SIGINT (Ctrl+C) or SIGTERM, with the function host and the Azurite it started,
/// while it is playing the month (the host's own stop budget is 2 s; the limit adds room for a loaded machine's process
/// exits and still fails a demo that needs a second signal or leaves a child running); it makes its own admin key and
/// prints it.
/// </summary>
public sealed class DemoSignalTests
{
    private const string AdminKeyLine = "Admin key of this run (header x-admin-key): ";
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task One_signal_stops_the_demo_its_host_and_Azurite(string signal)
    {
        var port = LoopbackPorts.Free();
        await using var demo = ChildProgram.Start(
            BillingProgram.DllPath,
            ["demo", "--port", port.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
            AppContext.BaseDirectory);
        await demo.WaitForOutputAsync(AdminKeyLine, TimeSpan.FromMinutes(3));
        var commandLines = demo.Descendants.Select(ChildProgram.CommandLine).OfType<string>().ToList();
        Assert.Contains(commandLines, c => c.Contains("azurite", StringComparison.Ordinal));
        Assert.Contains(commandLines, c => c.Contains("Billing.LocalHost.dll", StringComparison.Ordinal));

        await demo.SignalAsync(signal);

        var alive = await demo.WaitForTreeExitAsync(StopLimit);
        Assert.True(alive.Count == 0, $"still running {StopLimit.TotalSeconds:0} s after SIG{signal}:\n{string.Join('\n', alive)}\n{demo.Tail()}");
    }

    [Fact]
    public async Task The_demo_prints_the_admin_key_it_made_and_that_key_opens_its_host_admin_routes()
    {
        var port = LoopbackPorts.Free();
        await using var demo = ChildProgram.Start(
            BillingProgram.DllPath,
            ["demo", "--port", port.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
            AppContext.BaseDirectory);
        await demo.WaitForOutputAsync(AdminKeyLine, TimeSpan.FromMinutes(3));
        var key = demo.Output.Split('\n').Single(l => l.StartsWith(AdminKeyLine, StringComparison.Ordinal))[AdminKeyLine.Length..].Trim();

        using var http = new HttpClient { BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")) };
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, key));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, "demo-admin-key"));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string adminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/manage/clock");
        request.Headers.Add("x-admin-key", adminKey);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
