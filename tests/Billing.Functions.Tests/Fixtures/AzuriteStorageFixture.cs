using Billing.Storage;
using Billing.Storage.Emulator;

namespace Billing.Functions.Tests.Fixtures;

/// <summary>One Azurite (free ports, in memory) shared by a test class that works on storage directly; killed when it ends.</summary>
public sealed class AzuriteStorageFixture : IAsyncLifetime
{
    private AzuriteProcess? azurite;

    public IStorageAccount Storage { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync();
        Storage = StorageAccount.FromConnectionString(azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }
}
