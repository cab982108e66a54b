using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Billing.Domain.Payments;
using Billing.Storage.Alerts;
using Billing.Storage.Invoicing;
using Billing.Workflows.Scenarios;

namespace Billing.Application.Events;

/// <summary>
/// Something that happened to a customer's account, told to the event sinks (outgoing webhooks, the Service Bus topic).
/// <see cref="Id"/> is derived from what happened (the invoice number, the payment id, the status change's instant and
/// action, the alert's kind and key), so a step redone after a crash or a retry emits the same id. Amounts are the
/// stored decimals as strings (<c>"800.00"</c>, as in scenarios), unrounded, with their currency.
/// </summary>
public sealed record IntegrationEvent(string Id, IntegrationEventType Type, DateTimeOffset OccurredAt, string Customer, JsonObject Data)
{
    /// <summary>The JSON every sink carries: <c>{ id, type, occurredAt, customer, data }</c>.</summary>
    public string ToJson() => new JsonObject
    {
        ["id"] = Id,
        ["type"] = Type.Name(),
        ["occurredAt"] = OutcomeWriter.Instant(OccurredAt),
        ["customer"] = Customer,
        ["data"] = Data.DeepClone(),
    }.ToJsonString();

    /// <summary>An issued invoice; occurred at its issue instant.</summary>
    public static IntegrationEvent InvoiceIssued(StoredInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return Create(IntegrationEventType.InvoiceIssued, invoice.IssuedAt, invoice.Customer, [invoice.Number], new JsonObject
        {
            ["number"] = invoice.Number,
            ["kind"] = invoice.Kind,
            ["period"] = invoice.Period,
            ["total"] = invoice.Total.ToString(CultureInfo.InvariantCulture),
            ["currency"] = invoice.Currency,
            ["issuedAt"] = OutcomeWriter.Instant(invoice.IssuedAt),
            ["dueAt"] = OutcomeWriter.Instant(invoice.DueAt),
        });
    }

    /// <summary>A recorded payment (in <paramref name="currency"/>, the catalog's); occurred at the instant the payer gave.</summary>
    public static IntegrationEvent PaymentRecorded(Payment payment, string? currency)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return Create(IntegrationEventType.PaymentRecorded, payment.At, payment.Customer, [payment.Id], new JsonObject
        {
            ["paymentId"] = payment.Id,
            ["amount"] = payment.Amount.ToString(CultureInfo.InvariantCulture),
            ["currency"] = currency,
            ["period"] = payment.Period,
        });
    }

    /// <summary>A change of service status by a collection action (<paramref name="action"/>, for <paramref name="cause"/>) at <paramref name="at"/>.</summary>
    public static IntegrationEvent StatusChanged(string customer, string previousStatus, string status, string reason, DateTimeOffset at, string action, string cause) =>
        Create(IntegrationEventType.CustomerStatusChanged, at, customer, [at.UtcTicks.ToString(CultureInfo.InvariantCulture), action, cause], new JsonObject
        {
            ["previousStatus"] = previousStatus,
            ["status"] = status,
            ["reason"] = reason,
            ["action"] = action,
            ["cause"] = cause,
        });

    /// <summary>A recorded alert; one per customer, kind and key, as the alert store keeps it.</summary>
    public static IntegrationEvent AlertRaised(AlertRecord alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return Create(IntegrationEventType.AlertRaised, alert.At, alert.Customer, [alert.Kind, alert.Key], new JsonObject
        {
            ["kind"] = alert.Kind,
            ["key"] = alert.Key,
            ["detail"] = alert.Detail,
        });
    }

    /// <summary>
    /// The id: 32 hex digits of the SHA-256 of the type, customer and the facts that identify the occurrence (well under
    /// Service Bus's 128-character message id, and free of characters table keys refuse).
    /// </summary>
    public static string IdOf(IntegrationEventType type, string customer, IEnumerable<string> identity)
    {
        var text = string.Join('\n', new[] { type.Name(), customer }.Concat(identity));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16]);
    }

    private static IntegrationEvent Create(IntegrationEventType type, DateTimeOffset at, string customer, string[] identity, JsonObject data) =>
        new(IdOf(type, customer, identity), type, at, customer, data);
}
