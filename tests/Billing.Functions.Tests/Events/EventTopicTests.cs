using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using Billing.Application.Events;
using Billing.Application.Webhooks;
using Billing.Domain.Payments;
using Billing.Functions.Tests.Fixtures;
using Billing.Storage.Alerts;
using Billing.Storage.Collections;
using Billing.Storage.Invoicing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Functions.Tests.Events;

/// <summary>
/// The Service Bus path at the SDK boundary (there is no Service Bus emulator here): the outbox on a real Azurite, the
/// publisher and the topic dispatcher as the host wires them, and a <see cref="ServiceBusSender"/> test double that
/// captures the messages the SDK would send.
/// </summary>
public sealed class EventTopicTests(AzuriteStorageFixture azurite) : IClassFixture<AzuriteStorageFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 28, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_event_is_sent_once_with_its_id_as_message_id_the_customer_as_session_and_its_type_as_subject()
    {
        var parts = Wire(new CapturingSender());
        var invoice = IntegrationEvent.InvoiceIssued(new StoredInvoice("beta", "usage/2026-02", "INV-2026-000003", "usage", "2026-02", T0, T0.AddDays(30), "CNY", 100.00m, 0m, "open", "{}"));
        var payment = IntegrationEvent.PaymentRecorded(new Payment("pay-2", "beta", T0.AddDays(1), 100.00m, null), "CNY");
        var status = IntegrationEvent.StatusChanged("acme", "active", "throttled", "dunning: invoice for 2026-02 unpaid", T0.AddDays(2), "throttle", "dunning");
        var alert = IntegrationEvent.AlertRaised(new AlertRecord("acme", "usage_spike", "api_calls|2026030118", T0.AddDays(3), "api_calls: 900 in the hour"));

        foreach (var e in new[] { invoice, payment, status, alert })
        {
            await parts.Publisher.EmitAsync(e, default);
        }

        // A retried step emits the same events again, before and after the first send: one message each.
        await parts.Publisher.EmitAsync(status, default);
        Assert.Equal(4, await parts.Topic.DispatchAsync(default));
        await parts.Publisher.EmitAsync(status with { OccurredAt = T0.AddDays(9) }, default);
        await parts.Publisher.EmitAsync(alert, default);
        Assert.Equal(0, await parts.Topic.DispatchAsync(default));

        var sent = parts.Sender.Sent;
        Assert.Equal(4, sent.Count);
        Assert.Equal(sent.Count, sent.Select(m => m.MessageId).Distinct().Count());
        Assert.All(sent, m => Assert.Equal("application/json", m.ContentType));
        Assert.Equal([invoice.Id, payment.Id], sent.Where(m => m.SessionId == "beta").Select(m => m.MessageId));
        Assert.Equal([status.Id, alert.Id], sent.Where(m => m.SessionId == "acme").Select(m => m.MessageId));
        Assert.Equal(["invoice.issued", "payment.recorded", "customer.status_changed", "alert.raised"], sent.OrderBy(m => m.SessionId == "acme").Select(m => m.Subject));

        // What a subscriber receives: the message as the SDK hands it over, its body the event JSON.
        var first = sent.Single(m => m.MessageId == invoice.Id);
        var received = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: first.Body, messageId: first.MessageId, sessionId: first.SessionId, subject: first.Subject, contentType: first.ContentType);
        var body = received.Body.ToObjectFromJson<JsonObject>()!;
        Assert.Equal(invoice.Id, body["id"]!.GetValue<string>());
        Assert.Equal("invoice.issued", body["type"]!.GetValue<string>());
        Assert.Equal("beta", body["customer"]!.GetValue<string>());
        Assert.Equal("2026-02-28T18:00:00Z", body["occurredAt"]!.GetValue<string>());
        Assert.Equal("INV-2026-000003", body["data"]!["number"]!.GetValue<string>());
        Assert.Equal("100.00", body["data"]!["total"]!.GetValue<string>());
        Assert.Equal("CNY", body["data"]!["currency"]!.GetValue<string>());
        Assert.Equal("2026-03-30T18:00:00Z", body["data"]!["dueAt"]!.GetValue<string>());
        var changed = JsonNode.Parse(sent.Single(m => m.MessageId == status.Id).Body.ToString())!;
        Assert.Equal("2026-03-02T18:00:00Z", changed["occurredAt"]!.GetValue<string>());
        Assert.Equal("active", changed["data"]!["previousStatus"]!.GetValue<string>());
        Assert.Equal("throttled", changed["data"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failing_topic_holds_back_only_that_customers_later_events_until_a_pass_after_the_back_off()
    {
        var sender = new CapturingSender { FailFor = "acme" };
        var parts = Wire(sender);
        var throttled = IntegrationEvent.StatusChanged("acme", "active", "throttled", "dunning", T0, "throttle", "dunning");
        var suspended = IntegrationEvent.StatusChanged("acme", "throttled", "suspended", "dunning", T0.AddDays(7), "suspend", "dunning");
        var paid = IntegrationEvent.PaymentRecorded(new Payment("pay-9", "beta", T0, 5m, null), "CNY");
        foreach (var e in new[] { suspended, throttled, paid })
        {
            await parts.Publisher.EmitAsync(e, default);
        }

        Assert.Equal(1, await parts.Topic.DispatchAsync(default));
        Assert.Equal([paid.Id], sender.Sent.Select(m => m.MessageId));
        var waiting = await parts.Outbox.ForCustomerAsync("acme", default);
        Assert.All(waiting, e => Assert.Equal(TopicDelivery.Pending, e.Topic));
        var tried = Assert.Single(waiting, e => e.TopicAttempts > 0);
        Assert.Equal(throttled.Id, tried.Id);
        Assert.Contains("ServiceBusException", tried.TopicLastError, StringComparison.Ordinal);

        // Healthy again, but the back-off has not passed: nothing; after it, both in the order they occurred.
        sender.FailFor = null;
        Assert.Equal(0, await parts.Topic.DispatchAsync(default));
        parts.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, await parts.Topic.DispatchAsync(default));
        Assert.Equal([paid.Id, throttled.Id, suspended.Id], sender.Sent.Select(m => m.MessageId));
        Assert.All(await parts.Outbox.ForCustomerAsync("acme", default), e => Assert.Equal(TopicDelivery.Sent, e.Topic));
    }

    [Fact]
    public async Task An_event_whose_hand_over_a_crash_cut_short_reaches_the_webhook_log_on_the_next_dispatch_pass()
    {
        var parts = Wire(new CapturingSender(), new WebhookTarget { Url = "http://127.0.0.1:9/hooks", Secret = "s", Events = "alert.raised" });
        var alert = IntegrationEvent.AlertRaised(new AlertRecord("acme", "pack_low", "p1", T0, "p1 below 10%"));

        // The outbox row was written, then the process died before the webhook delivery was queued.
        await parts.Outbox.AddAsync(alert, toTopic: true, default);
        Assert.Empty(await parts.Deliveries.ForCustomerAsync("acme"));

        Assert.Equal(1, await parts.Publisher.FanOutLeftoversAsync(default));
        var delivery = Assert.Single(await parts.Deliveries.ForCustomerAsync("acme"));
        Assert.Equal(alert.Id, JsonNode.Parse(delivery.Payload)!["id"]!.GetValue<string>());
        Assert.Equal(0, await parts.Publisher.FanOutLeftoversAsync(default));
        await parts.Publisher.EmitAsync(alert, default);
        Assert.Single(await parts.Deliveries.ForCustomerAsync("acme"));
        Assert.Equal(1, await parts.Topic.DispatchAsync(default));
    }

    [Fact]
    public void A_retried_step_emits_the_same_event_id_and_another_occurrence_a_new_one()
    {
        var first = IntegrationEvent.AlertRaised(new AlertRecord("acme", "usage_spike", "api_calls|2026030118", T0, "900"));
        var retried = IntegrationEvent.AlertRaised(new AlertRecord("acme", "usage_spike", "api_calls|2026030118", T0.AddMinutes(5), "900"));
        var nextHour = IntegrationEvent.AlertRaised(new AlertRecord("acme", "usage_spike", "api_calls|2026030119", T0, "900"));
        var otherCustomer = IntegrationEvent.AlertRaised(new AlertRecord("beta", "usage_spike", "api_calls|2026030118", T0, "900"));

        Assert.Equal(first.Id, retried.Id);
        Assert.NotEqual(first.Id, nextHour.Id);
        Assert.NotEqual(first.Id, otherCustomer.Id);
        Assert.Matches("^[0-9a-f]{32}$", first.Id);
    }

    [Theory]
    [InlineData(null, "customer.status_changed", true)]
    [InlineData(null, "invoice.issued", false)]
    [InlineData("*", "alert.raised", true)]
    [InlineData("invoice.issued, payment.recorded", "payment.recorded", true)]
    [InlineData("invoice.issued, payment.recorded", "customer.status_changed", false)]
    public void A_webhook_receives_the_event_types_it_names_and_by_default_status_changes_only(string? events, string type, bool receives) =>
        Assert.Equal(receives, new WebhookTarget { Events = events }.Receives(IntegrationEventTypes.Parse(type)!.Value));

    private Parts Wire(CapturingSender sender, params WebhookTarget[] webhooks)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var outboxTable = azurite.Storage.GetTableClient("evt" + suffix);
        var deliveriesTable = azurite.Storage.GetTableClient("whd" + suffix);
        outboxTable.CreateIfNotExistsAsync().GetAwaiter().GetResult();
        deliveriesTable.CreateIfNotExistsAsync().GetAwaiter().GetResult();
        var outbox = new IntegrationEventOutbox(outboxTable);
        var deliveries = new WebhookDeliveryStore(deliveriesTable);
        var options = Options.Create(new WebhookOptions { StatusWebhooks = [.. webhooks] });
        var topic = new EventTopic(sender);
        var clock = new FakeTimeProvider(T0);
        return new Parts(
            sender,
            outbox,
            deliveries,
            new IntegrationEventPublisher(outbox, deliveries, options, topic),
            new EventTopicDispatcher(outbox, topic, options, clock, NullLogger<EventTopicDispatcher>.Instance),
            clock);
    }

    private sealed record Parts(CapturingSender Sender, IntegrationEventOutbox Outbox, WebhookDeliveryStore Deliveries, IntegrationEventPublisher Publisher, EventTopicDispatcher Topic, FakeTimeProvider Clock);

    /// <summary>The SDK's sender with its network leg replaced: keeps what it is asked to send, or fails for one session.</summary>
    private sealed class CapturingSender : ServiceBusSender
    {
        public List<ServiceBusMessage> Sent { get; } = [];

        public string? FailFor { get; set; }

        public override Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
        {
            if (message.SessionId == FailFor)
            {
                throw new ServiceBusException("the namespace is unreachable", ServiceBusFailureReason.ServiceCommunicationProblem);
            }

            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
