namespace Billing.Application.Events;

/// <summary>What an integration event tells; its wire name (<see cref="IntegrationEventTypes.Name"/>) is the message subject.</summary>
public enum IntegrationEventType
{
    /// <summary><c>invoice.issued</c>: an invoice was numbered and stored.</summary>
    InvoiceIssued,

    /// <summary><c>payment.recorded</c>: a payment was recorded (once per payment id).</summary>
    PaymentRecorded,

    /// <summary><c>customer.status_changed</c>: the customer's service status (active, throttled, suspended) changed.</summary>
    CustomerStatusChanged,

    /// <summary><c>alert.raised</c>: an alert (usage spike, pack running low, ...) was recorded.</summary>
    AlertRaised,
}

/// <summary>The wire names of <see cref="IntegrationEventType"/>.</summary>
public static class IntegrationEventTypes
{
    public static string Name(this IntegrationEventType type) => type switch
    {
        IntegrationEventType.InvoiceIssued => "invoice.issued",
        IntegrationEventType.PaymentRecorded => "payment.recorded",
        IntegrationEventType.CustomerStatusChanged => "customer.status_changed",
        IntegrationEventType.AlertRaised => "alert.raised",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The type a wire name names, or null.</summary>
    public static IntegrationEventType? Parse(string name) =>
        Enum.GetValues<IntegrationEventType>().Where(t => t.Name() == name).Select(t => (IntegrationEventType?)t).FirstOrDefault();
}
