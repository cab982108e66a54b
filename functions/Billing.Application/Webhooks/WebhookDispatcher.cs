using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Billing.Application.Security;
using Billing.Storage.Collections;
using Microsoft.Extensions.Options;

namespace Billing.Application.Webhooks;

/// <summary>
/// Delivers queued integration events to the webhooks: per webhook and customer strictly in sequence (a notification waits until
/// the ones before it were accepted), each POSTed with <c>x-billing-signature</c> and <c>x-billing-delivery</c> (an id
/// receivers can use to drop a repeat), retried with exponential back-off after a failure or a non-2xx answer.
/// Retry timing follows <c>retryClock</c>, the system clock in the host: it is about the receiver, not billing time.
/// </summary>
public sealed partial class WebhookDispatcher(WebhookDeliveryStore deliveries, IOptions<WebhookOptions> options, HttpClient http, TimeProvider retryClock, ILogger<WebhookDispatcher> logger)
{
    public const string DeliveryHeader = "x-billing-delivery";

    /// <summary>
    /// One pass over the pending deliveries (what the dispatch timer runs); returns how many were accepted. Does nothing,
    /// not even read the store, when no webhook is configured.
    /// </summary>
    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (settings.StatusWebhooks.Count == 0)
        {
            return 0;
        }

        var delivered = 0;
        foreach (var partition in (await deliveries.PendingAsync(ct)).GroupBy(d => (d.Webhook, d.Customer)))
        {
            if (partition.Key.Webhook >= settings.StatusWebhooks.Count)
            {
                continue;
            }

            var target = settings.StatusWebhooks[partition.Key.Webhook];
            foreach (var delivery in partition)
            {
                var now = retryClock.GetUtcNow();
                if (delivery.NextAttemptAt > now || !await TryDeliverAsync(target, delivery, now, ct))
                {
                    break;
                }

                delivered++;
            }
        }

        return delivered;
    }

    private async Task<bool> TryDeliverAsync(WebhookTarget target, WebhookDelivery delivery, DateTimeOffset now, CancellationToken ct)
    {
        string? error;
        try
        {
            var body = Encoding.UTF8.GetBytes(delivery.Payload);
            using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(target.Secret, now, body));
            request.Headers.Add(DeliveryHeader, delivery.Customer + "/" + delivery.Sequence);
            using var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                await deliveries.UpdateAsync(delivery with { Status = WebhookDeliveryStore.Delivered, Attempts = delivery.Attempts + 1, DeliveredAt = now, LastError = null }, ct);
                return true;
            }

            error = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            error = ex.GetType().Name + ": " + ex.Message;
        }

        var attempts = delivery.Attempts + 1;
        var settings = options.Value;
        var wait = TimeSpan.FromTicks(Math.Min(settings.RetryMax.Ticks, settings.RetryBase.Ticks * (1L << Math.Min(attempts - 1, 20))));
        await deliveries.UpdateAsync(delivery with { Attempts = attempts, NextAttemptAt = now + wait, LastError = error }, ct);
        LogRetry(delivery.Customer, delivery.Sequence, attempts, error, wait);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery for {Customer} ({Sequence}) failed, attempt {Attempts}: {Error}; retry in {Wait}")]
    private partial void LogRetry(string customer, string sequence, int attempts, string error, TimeSpan wait);
}
