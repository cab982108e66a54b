using Billing.Storage;
using Billing.Storage.Connection;

namespace Billing.Functions.Hosting;

/// <summary>
/// Registers the storage account named by <c>AzureWebJobsStorage</c> as <see cref="IStorageAccount"/>: a connection
/// string, or an identity-based connection (<c>AzureWebJobsStorage__accountName</c> etc., see <see cref="StorageConnection"/>).
/// When it points at the emulator's default ports (<c>UseDevelopmentStorage=true</c>) the host also starts Azurite itself
/// when nothing listens on 10000-10002 (see <see cref="LocalAzuriteService"/>).
/// </summary>
public static class StorageHostExtensions
{
    public const string ConnectionSetting = "AzureWebJobsStorage";

    public static WebApplicationBuilder AddBillingStorage(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        StorageConnection connection = StorageConnection.FromSettings(ConnectionSetting, key => builder.Configuration[key]);
        StorageAccount account = StorageAccount.FromConnection(connection);

        builder.Services.AddSingleton<IStorageAccount>(account);
        if (account.IsLocalEmulatorOnDefaultPorts)
        {
            // Registered before any other hosted service, so the emulator is up before anything polls storage.
            builder.Services.AddHostedService<LocalAzuriteService>();
        }

        return builder;
    }
}
