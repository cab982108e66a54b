namespace Billing.Application.Email;

/// <summary>
/// A provider did not accept an email. <see cref="IsTransient"/> says whether sending the same message later may
/// succeed (rate limited, provider down) or not (the provider refused its content or our credentials).
/// </summary>
public abstract class EmailDeliveryException : Exception
{
    protected EmailDeliveryException(string provider, string message, Exception? innerException = null)
        : base(message, innerException) => Provider = provider;

    public string Provider { get; }

    public abstract bool IsTransient { get; }
}
