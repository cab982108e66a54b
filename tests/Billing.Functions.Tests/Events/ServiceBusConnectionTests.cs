using Billing.Application.Events;
using Microsoft.Extensions.Configuration;

namespace Billing.Functions.Tests.Events;

/// <summary>How the settings name the Service Bus namespace; creating a client connects nothing, so no namespace is needed.</summary>
public sealed class ServiceBusConnectionTests
{
    [Fact]
    public void Without_a_Service_Bus_setting_there_is_no_topic()
    {
        Assert.Null(IntegrationEventsExtensions.CreateClient(Settings([])));
    }

    [Fact]
    public async Task A_connection_string_names_the_namespace()
    {
        await using var client = IntegrationEventsExtensions.CreateClient(Settings(new()
        {
            ["ServiceBusConnection"] = "Endpoint=sb://billing-test.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0",
        }));
        Assert.Equal("billing-test.servicebus.windows.net", client!.FullyQualifiedNamespace);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("managedidentity")]
    public async Task An_identity_based_connection_names_the_namespace_and_the_credential(string? credential)
    {
        await using var client = IntegrationEventsExtensions.CreateClient(Settings(new()
        {
            ["ServiceBusConnection:fullyQualifiedNamespace"] = "billing-test.servicebus.windows.net",
            ["ServiceBusConnection:credential"] = credential,
            ["ServiceBusConnection:clientId"] = "00000000-0000-0000-0000-000000000001",
        }));
        Assert.Equal("billing-test.servicebus.windows.net", client!.FullyQualifiedNamespace);
    }

    [Fact]
    public void An_unknown_credential_stops_the_host_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => IntegrationEventsExtensions.CreateClient(Settings(new()
        {
            ["ServiceBusConnection:fullyQualifiedNamespace"] = "billing-test.servicebus.windows.net",
            ["ServiceBusConnection:credential"] = "certificate",
        })));
        Assert.Contains("ServiceBusConnection__credential", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
