using Billing.Application.Events;

namespace Billing.Application.Webhooks;

/// <summary>
/// Outgoing webhooks (<c>Billing__StatusWebhooks__0__Url</c>, <c>__Secret</c>, <c>__Events</c>, ...): each integration
/// event a webhook subscribes to is POSTed to it, signed like incoming webhooks (<c>x-billing-signature</c>), in order per
/// customer, retried with exponential back-off from <see cref="RetryBase"/> up to <see cref="RetryMax"/> until accepted
/// (2xx), by the dispatch timer (<c>Billing:WebhookDispatchSchedule</c>, see <see cref="Configuration.TimerSchedules"/>).
/// </summary>
public sealed class WebhookOptions
{
    public List<WebhookTarget> StatusWebhooks { get; set; } = [];

    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMax { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// A receiver of integration events, the secret its signatures use, and the event types it subscribes to:
/// <see cref="Events"/> lists wire names separated by commas (<c>invoice.issued,payment.recorded</c>) or is <c>*</c> for
/// all; unset, a webhook receives <c>customer.status_changed</c> only (what a status webhook always received).
/// </summary>
public sealed class WebhookTarget
{
    public string Url { get; set; } = string.Empty;

    public string Secret { get; set; } = string.Empty;

    public string? Events { get; set; }

    /// <summary>Whether this webhook subscribes to <paramref name="type"/>.</summary>
    public bool Receives(IntegrationEventType type)
    {
        if (string.IsNullOrWhiteSpace(Events))
        {
            return type == IntegrationEventType.CustomerStatusChanged;
        }

        var names = Events.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Contains("*", StringComparer.Ordinal) || names.Contains(type.Name(), StringComparer.Ordinal);
    }
}
