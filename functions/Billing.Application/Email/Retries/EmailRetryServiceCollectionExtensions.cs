using Microsoft.Extensions.Options;

namespace Billing.Application.Email.Retries;

/// <summary>Puts <see cref="DeferringEmailSender"/> in front of the registered <see cref="IEmailSender"/>, and registers the retries.</summary>
public static class EmailRetryServiceCollectionExtensions
{
    /// <summary>The key under which the provider's own <see cref="IEmailSender"/> stays registered.</summary>
    public const string ProviderKey = "provider";

    /// <summary>
    /// Call after the provider is registered (<c>AddBillingEmail</c>): its registration moves under <see cref="ProviderKey"/>
    /// (same lifetime), and <see cref="IEmailSender"/> becomes a <see cref="DeferringEmailSender"/> over it. Adds the
    /// <see cref="EmailSendLedger"/>, the <see cref="UndeliveredEmailStore"/>, and the <see cref="EmailRetrier"/> (the email-retry timer's work), with <see cref="EmailRetryOptions"/>
    /// from the <c>Billing</c> section. Retry timing reads the system clock.
    /// </summary>
    public static IServiceCollection AddEmailRetries(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IEmailSender) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("register the email provider (AddBillingEmail) before AddEmailRetries");
        services.Remove(registered);
        services.Add(Keyed(registered));
        services.Configure<EmailRetryOptions>(configuration.GetSection(EmailRetryOptions.Section));
        services.AddSingleton<UndeliveredEmailStore>();
        services.AddSingleton<EmailSendLedger>();
        services.Add(new ServiceDescriptor(
            typeof(IEmailSender),
            sp => new DeferringEmailSender(
                sp.GetRequiredKeyedService<IEmailSender>(ProviderKey),
                sp.GetRequiredService<EmailSendLedger>(),
                sp.GetRequiredService<UndeliveredEmailStore>(),
                sp.GetRequiredService<IOptions<EmailRetryOptions>>(),
                TimeProvider.System,
                sp.GetRequiredService<ILogger<DeferringEmailSender>>()),
            registered.Lifetime));
        services.AddSingleton(sp => new EmailRetrier(
            sp.GetRequiredService<UndeliveredEmailStore>(),
            sp.GetRequiredService<EmailSendLedger>(),
            () => sp.GetRequiredKeyedService<IEmailSender>(ProviderKey),
            sp.GetRequiredService<IOptions<EmailRetryOptions>>(),
            TimeProvider.System,
            sp.GetRequiredService<ILogger<EmailRetrier>>()));
        return services;
    }

    private static ServiceDescriptor Keyed(ServiceDescriptor registered) => registered switch
    {
        { ImplementationInstance: { } instance } => new ServiceDescriptor(typeof(IEmailSender), ProviderKey, instance),
        { ImplementationFactory: { } factory } => new ServiceDescriptor(typeof(IEmailSender), ProviderKey, (sp, _) => factory(sp), registered.Lifetime),
        { ImplementationType: { } type } => new ServiceDescriptor(typeof(IEmailSender), ProviderKey, type, registered.Lifetime),
        _ => throw new InvalidOperationException("the email provider's registration has no implementation"),
    };
}
