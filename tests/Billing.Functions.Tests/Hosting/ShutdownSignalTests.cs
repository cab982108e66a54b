using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Billing.Functions.Tests.Fixtures;
using Billing.Storage.Connection;
using Billing.Storage.Emulator;

namespace Billing.Functions.Tests.Hosting;

/// <summary>
/// Ctrl+C and service stops: one SIGINT or SIGTERM sent to the built host stops it, and the Azurite it started for the
/// emulator account, even while a request is still in flight (its client stalled mid-body). The host's own stop budget is
/// 2 s (<c>FunctionsHostExtensions.ShutdownTimeout</c>); the limit here adds room for a loaded machine's process exits and
/// still fails a host that waits for the stalled client, needs a second signal, or leaves Azurite running.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ShutdownSignalTests : IDisposable
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(20);
    private const string AdminKey = "signal-test-admin-key";

    private readonly string folder = Directory.CreateTempSubdirectory("billing-host-signal-").FullName;

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task One_signal_stops_the_host_and_its_Azurite_with_a_request_in_flight(string signal)
    {
        var port = LoopbackPorts.Free();
        await using var host = StartHost(port);
        await host.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(90));
        var azurite = host.Descendants.Where(pid => ChildProgram.CommandLine(pid)?.Contains("azurite", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(azurite);

        using var stalled = await StartStalledRequestAsync(port);
        await host.SignalAsync(signal);

        var alive = await host.WaitForTreeExitAsync(StopLimit);
        Assert.True(alive.Count == 0, $"still running {StopLimit.TotalSeconds:0} s after SIG{signal}:\n{string.Join('\n', alive)}\n{host.Tail()}");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>The built host on the emulator account at free ports, so it starts (and must stop) its own Azurite there.</summary>
    private ChildProgram StartHost(int port)
    {
        var connection = DevelopmentStorage.ConnectionString(LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free());
        return ChildProgram.Start(
            HostFixture.HostDll,
            ["--urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")],
            new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["AzureWebJobsStorage"] = connection,
                ["Azurite__Location"] = Path.Combine(folder, "azurite"),
                ["Billing__AdminKey"] = AdminKey,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            },
            folder);
    }

    /// <summary>A catalog upload whose client sent the headers and a first byte of a 100 KB body, then stalls.</summary>
    private static async Task<TcpClient> StartStalledRequestAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var head = $"PUT /api/manage/catalog HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nx-admin-key: {AdminKey}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{{";
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
        await client.GetStream().FlushAsync();
        return client;
    }
}
