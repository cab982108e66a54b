using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Billing.Application.Configuration;
using Billing.Application.Webhooks;
using Billing.Storage;
using Microsoft.Extensions.Options;

namespace Billing.Application.Events;

/// <summary>
/// Registers integration events: the outbox, the publisher, the dispatchers, and the Service Bus topic when a connection
/// is configured, read like a Functions connection named <c>ServiceBusConnection</c>: a connection string in the setting
/// itself, or <c>ServiceBusConnection__fullyQualifiedNamespace</c> with <c>__credential</c> = <c>managedidentity</c>
/// (user-assigned with <c>__clientId</c>) or unset for <c>DefaultAzureCredential</c>. The topic is <c>Billing__EventsTopic</c>.
/// </summary>
public static class IntegrationEventsExtensions
{
    public const string ConnectionName = "ServiceBusConnection";

    public static IServiceCollection AddIntegrationEvents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(sp => new IntegrationEventOutbox(sp.GetRequiredService<IStorageAccount>().GetTableClient(IntegrationEventOutbox.TableName)));
        services.Configure<IntegrationEventOptions>(configuration.GetSection(BillingOptions.Section));
        services.AddSingleton(sp =>
        {
            var client = CreateClient(configuration);
            return new EventTopic(client?.CreateSender(sp.GetRequiredService<IOptions<IntegrationEventOptions>>().Value.EventsTopic), client);
        });
        services.AddSingleton<IntegrationEventPublisher>();
        services.AddSingleton(sp => new EventTopicDispatcher(
            sp.GetRequiredService<IntegrationEventOutbox>(),
            sp.GetRequiredService<EventTopic>(),
            sp.GetRequiredService<IOptions<WebhookOptions>>(),
            TimeProvider.System,
            sp.GetRequiredService<ILogger<EventTopicDispatcher>>()));
        services.AddSingleton<EventDispatch>();
        return services;
    }

    /// <summary>The Service Bus client the settings name, or null when none is configured; creating it connects nothing.</summary>
    public static ServiceBusClient? CreateClient(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["ServiceBusConnection"] is { Length: > 0 } connectionString)
        {
            return new ServiceBusClient(connectionString);
        }

        if (configuration["ServiceBusConnection:fullyQualifiedNamespace"] is not { Length: > 0 } fullyQualifiedNamespace)
        {
            return null;
        }

        var clientId = configuration["ServiceBusConnection:clientId"] is { Length: > 0 } id ? id : null;
        TokenCredential credential = configuration["ServiceBusConnection:credential"] switch
        {
            null or "" => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId }),
            string value when value.Equals("managedidentity", StringComparison.OrdinalIgnoreCase) => new ManagedIdentityCredential(
                clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId)),
            string value => throw new InvalidOperationException(
                $"{ConnectionName}__credential '{value}' is not supported: use 'managedidentity', or leave it unset for DefaultAzureCredential."),
        };
        return new ServiceBusClient(fullyQualifiedNamespace, credential);
    }
}
