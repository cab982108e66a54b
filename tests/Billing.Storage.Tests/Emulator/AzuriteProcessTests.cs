using System.Diagnostics;
using Billing.Storage.Emulator;

namespace Billing.Storage.Tests.Emulator;

public sealed class AzuriteProcessTests
{
    [Fact]
    public async Task Disposing_stops_the_emulator_and_frees_its_ports()
    {
        AzuriteProcess azurite = await AzuriteProcess.StartAsync();
        int pid = azurite.ProcessId;
        Assert.True(await LoopbackPorts.IsListeningAsync(azurite.TablePort));

        await azurite.DisposeAsync();

        Assert.True(azurite.HasExited);
        Assert.False(IsRunning(pid));
        Assert.False(await LoopbackPorts.IsListeningAsync(azurite.TablePort));
    }

    [Fact]
    public void Repository_root_is_the_folder_whose_package_json_pins_azurite()
    {
        string root = RepositoryRoot.Find();

        Assert.Contains("\"azurite\"", File.ReadAllText(Path.Combine(root, "package.json")), StringComparison.Ordinal);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
