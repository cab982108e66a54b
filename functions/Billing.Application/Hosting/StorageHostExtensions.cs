using Billing.Storage;
using Billing.Storage.Connection;

namespace Billing.Application.Hosting;

/// <summary>
/// Registers the storage account named by <c>AzureWebJobsStorage</c> as <see cref="IStorageAccount"/>: a connection
/// string, or an identity-based connection (<c>AzureWebJobsStorage__accountName</c> etc., see <see cref="StorageConnection"/>).
/// For the emulator's account (<c>UseDevelopmentStorage=true</c>, or <c>devstoreaccount1</c> on loopback ports of your
/// choice) the host also starts Azurite itself when nothing listens on those ports (see <see cref="LocalAzuriteService"/>).
/// </summary>
public static class StorageHostExtensions
{
    public const string ConnectionSetting = "AzureWebJobsStorage";

    public static WebApplicationBuilder AddBillingStorage(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        StorageConnection connection = StorageConnection.FromSettings(ConnectionSetting, key => builder.Configuration[key]);
        StorageAccount account = StorageAccount.FromConnection(connection);

        builder.Services.AddSingleton(account);
        builder.Services.AddSingleton<IStorageAccount>(account);
        if (account.EmulatorPorts is not null)
        {
            // Registered before any other hosted service, so the emulator is up before anything polls storage.
            builder.Services.AddHostedService<LocalAzuriteService>();
        }

        return builder;
    }
}
