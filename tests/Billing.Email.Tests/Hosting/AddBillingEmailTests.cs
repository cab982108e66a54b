using Billing.Email.Tests.Fixtures;
using Billing.Application.Email;
using Billing.Storage;
using Billing.Storage.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.Email.Tests.Hosting;

/// <summary><c>services.AddBillingEmail(configuration)</c> picks the provider from <c>SendGrid:ApiKey</c>.</summary>
public sealed class AddBillingEmailTests
{
    private const string ApiKey = "SG.host-wiring-key.must-stay-secret-42";

    [Fact]
    public async Task Without_an_api_key_emails_go_to_the_outbox()
    {
        var storage = new InMemoryStorageAccount();
        await using ServiceProvider services = Build(new Dictionary<string, string?>(), storage);

        IEmailSender sender = services.GetRequiredService<IEmailSender>();
        EmailReceipt receipt = await sender.SendAsync(SampleEmails.Invoice());

        Assert.IsType<OutboxEmailSender>(Assert.IsType<EmailTelemetrySender>(sender).Inner);
        Assert.Equal("outbox", receipt.Provider);
        Assert.Equal("invoice/INV-2026-000001.eml", receipt.ProviderReference);
    }

    [Fact]
    public async Task With_an_api_key_emails_go_to_sendgrid_at_the_configured_base_url_and_sandbox()
    {
        await using SendGridStub stub = await SendGridStub.StartAsync();
        await using ServiceProvider services = Build(
            new Dictionary<string, string?>
            {
                ["SendGrid:ApiKey"] = ApiKey,
                ["SendGrid:BaseUrl"] = stub.BaseUrl.AbsoluteUri,
                ["SendGrid:SandboxMode"] = "true",
            },
            new InMemoryStorageAccount());

        IEmailSender sender = services.GetRequiredService<IEmailSender>();
        EmailReceipt receipt = await sender.SendAsync(SampleEmails.Invoice());

        Assert.IsType<SendGridEmailSender>(Assert.IsType<EmailTelemetrySender>(sender).Inner);
        Assert.Equal("sendgrid", receipt.Provider);
        RecordedRequest request = Assert.Single(stub.Requests);
        Assert.True(request.Json.GetProperty("mail_settings").GetProperty("sandbox_mode").GetProperty("enable").GetBoolean());
    }

    [Fact]
    public async Task Through_the_host_wiring_the_api_key_reaches_no_log_even_at_trace_level()
    {
        await using SendGridStub stub = await SendGridStub.StartAsync(new StubReply(500), new StubReply(400, """{"errors":[{"message":"bad"}]}"""));
        var logs = new ListLoggerProvider();
        await using ServiceProvider services = Build(
            new Dictionary<string, string?>
            {
                ["SendGrid:ApiKey"] = ApiKey,
                ["SendGrid:BaseUrl"] = stub.BaseUrl.AbsoluteUri,
                ["SendGrid:FirstRetryDelay"] = "00:00:00.001",
            },
            new InMemoryStorageAccount(),
            logs);

        await Assert.ThrowsAsync<SendGridRejectedException>(() => services.GetRequiredService<IEmailSender>().SendAsync(SampleEmails.Invoice()));

        Assert.Equal(2, stub.Requests.Count);
        Assert.Contains(logs.Lines, line => line.Contains("Authorization", StringComparison.Ordinal));
        Assert.All(logs.Lines, line => Assert.DoesNotContain(ApiKey, line, StringComparison.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, IStorageAccount storage, ILoggerProvider? logs = null)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(storage);
        services.AddBillingEmail(configuration);
        return services.BuildServiceProvider();
    }
}
