using Billing.Storage;
using Billing.Storage.Connection;

namespace Billing.Application.Hosting;

/// <summary>
/// Registers the storage account named by <c>AzureWebJobsStorage</c> as <see cref="IStorageAccount"/>: a connection
/// string, or an identity-based connection (<c>AzureWebJobsStorage__accountName</c> etc., see <see cref="StorageConnection"/>).
/// The local host also starts Azurite for the emulator's account when nothing listens (see <see cref="LocalAzuriteService"/>).
/// </summary>
public static class StorageHostExtensions
{
    public const string ConnectionSetting = "AzureWebJobsStorage";

    public static IServiceCollection AddBillingStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        StorageConnection connection = StorageConnection.FromSettings(ConnectionSetting, key => configuration[key]);
        StorageAccount account = StorageAccount.FromConnection(connection);
        services.AddSingleton(account);
        services.AddSingleton<IStorageAccount>(account);
        return services;
    }

    /// <summary>
    /// For the emulator's account (<c>UseDevelopmentStorage=true</c>, or <c>devstoreaccount1</c> on loopback ports of
    /// your choice), starts Azurite when nothing listens on those ports. Register it before the application, so the
    /// emulator is up before any other hosted service touches storage.
    /// </summary>
    public static IServiceCollection AddLocalAzurite(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        StorageConnection connection = StorageConnection.FromSettings(ConnectionSetting, key => configuration[key]);
        if (StorageAccount.FromConnection(connection).EmulatorPorts is not null)
        {
            services.AddHostedService<LocalAzuriteService>();
        }

        return services;
    }
}
