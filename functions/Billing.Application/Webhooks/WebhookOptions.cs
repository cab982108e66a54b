namespace Billing.Application.Webhooks;

/// <summary>
/// Outgoing status webhooks (<c>Billing__StatusWebhooks__0__Url</c>, <c>__Secret</c>, ...): every change of a customer's
/// service status is POSTed to each, signed like incoming webhooks (<c>x-billing-signature</c>), in order per customer,
/// retried with exponential back-off from <see cref="RetryBase"/> up to <see cref="RetryMax"/> until accepted (2xx),
/// by the dispatch timer (<c>Billing:WebhookDispatchSchedule</c>, see <see cref="Configuration.TimerSchedules"/>).
/// </summary>
public sealed class WebhookOptions
{
    public List<WebhookTarget> StatusWebhooks { get; set; } = [];

    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMax { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>A receiver of status notifications and the secret its signatures use.</summary>
public sealed class WebhookTarget
{
    public string Url { get; set; } = string.Empty;

    public string Secret { get; set; } = string.Empty;
}
