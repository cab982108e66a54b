using Billing.Storage;
using Microsoft.Extensions.Options;

namespace Billing.Application.Email;

/// <summary>Registers <see cref="IEmailSender"/>: SendGrid when <c>SendGrid:ApiKey</c> is set, otherwise the local outbox.</summary>
public static class EmailServiceCollectionExtensions
{
    /// <summary>The named <see cref="HttpClient"/> SendGrid requests go through.</summary>
    public const string HttpClientName = "SendGrid";

    /// <summary>
    /// Binds <see cref="SendGridOptions"/> from the <c>SendGrid</c> section. With a key: a transient
    /// <see cref="SendGridEmailSender"/> over an <c>IHttpClientFactory</c> client whose logged <c>Authorization</c>
    /// header is redacted. Without: a singleton <see cref="OutboxEmailSender"/> over the registered
    /// <see cref="IStorageAccount"/>. Needs a <see cref="TimeProvider"/> registration (the host adds the system one).
    /// </summary>
    public static IServiceCollection AddBillingEmail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        IConfigurationSection section = configuration.GetSection(SendGridOptions.Section);
        services.Configure<SendGridOptions>(section);

        if (string.IsNullOrWhiteSpace(section[nameof(SendGridOptions.ApiKey)]))
        {
            services.AddSingleton<IEmailSender>(sp => new EmailTelemetrySender(new OutboxEmailSender(
                sp.GetRequiredService<IStorageAccount>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<OutboxEmailSender>>())));
            return services;
        }

        services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(["Authorization"]);
        services.AddTransient<IEmailSender>(sp => new EmailTelemetrySender(new SendGridEmailSender(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<SendGridOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<SendGridEmailSender>>())));
        return services;
    }
}
