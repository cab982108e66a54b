using Billing.Storage;
using Billing.Storage.Connection;

namespace Billing.Functions.Hosting;

/// <summary>
/// Registers the storage account named by <c>AzureWebJobsStorage</c> (as <see cref="IStorageAccount"/> and its parsed
/// <see cref="StorageConnectionString"/>). For the emulator's account (<c>UseDevelopmentStorage=true</c>, or
/// <c>devstoreaccount1</c> on loopback ports of your choice) the host also starts Azurite itself when nothing listens
/// on those ports (see <see cref="LocalAzuriteService"/>).
/// </summary>
public static class StorageHostExtensions
{
    public const string ConnectionSetting = "AzureWebJobsStorage";

    public static WebApplicationBuilder AddBillingStorage(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string connectionString = builder.Configuration[ConnectionSetting]
            ?? throw new InvalidOperationException(
                $"{ConnectionSetting} is not configured: copy local.settings.sample.json to local.settings.json or set the environment variable.");
        StorageConnectionString parsed = StorageConnectionString.Parse(connectionString);

        builder.Services.AddSingleton(parsed);
        builder.Services.AddSingleton<IStorageAccount>(_ => StorageAccount.FromConnectionString(connectionString));
        if (LocalAzuriteService.EmulatorPorts(parsed) is not null)
        {
            // Registered before any other hosted service, so the emulator is up before anything polls storage.
            builder.Services.AddHostedService<LocalAzuriteService>();
        }

        return builder;
    }
}
