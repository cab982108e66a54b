namespace Billing.Storage.Emulator;

/// <summary>Azurite could not be installed or started; the message carries the tail of its output.</summary>
public sealed class AzuriteStartException : Exception
{
    public AzuriteStartException(string message)
        : base(message)
    {
    }
}
