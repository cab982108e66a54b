using System.Text.Json;
using Billing.Domain.Payments;
using Billing.Application.Accounts;
using Billing.Application.Http;
using Billing.Storage.Payments;
using Billing.Workflows.Scenarios;

namespace Billing.Application.Settlement;

/// <summary>
/// <c>POST /api/payments</c> (operators; the function checks the admin key): records a scenario-format payment (<c>id</c>, <c>customer</c>, <c>at</c>,
/// <c>amount</c>, optional <c>period</c>; optional <c>currency</c>, which must be the catalog's) such as an offline bank
/// transfer or a write-off. Any other field is refused (a misspelt one would otherwise change where the money goes);
/// <c>at</c> is an ISO 8601 timestamp with an offset inside the billing horizon, not in the future (default: now), and may
/// precede the customer's start (a deposit before service begins). The amount is positive and has no more decimal places than the catalog's currency (refused
/// with 400 naming the field, never rounded; nothing is stored). Idempotent by the customer's payment id
/// (201 first time, 200 for an identical repeat, 409 for the same id with other content; a repeat without <c>at</c> is
/// the payment as recorded, whenever it comes), and applies it to the
/// account: the invoice standings are refreshed by the engine (oldest open first, or the named period; a surplus
/// becomes credit for the next invoice), and the paying customer is emailed a receipt (<see cref="PaymentReceipts"/>).
/// The payment is stored with its follow-up (the <c>payment.recorded</c> event and the receipt) noted as pending, and the
/// receipt clears it: a request cut short after storing is finished by the payer's repeat, or else by the account's next
/// settlement (<see cref="PaymentFollowUps"/>).
/// </summary>
public static class PaymentsApi
{
    public static async Task<IResult> PostAsync(
        HttpRequest request, PaymentStore payments, BillingDirectory directory, SettlementService settlement, PaymentReceipts receipts, Collections.CollectionsMonitor monitor, Events.IntegrationEventPublisher integrationEvents, CrashPoints crashes, TimeProvider clock, CancellationToken ct)
    {
        var (body, refusal) = await RequestBody.ReadDocumentAsync(request, 8192, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        Payment payment;
        string? currency;
        bool atGiven;
        try
        {
            (payment, currency, atGiven) = Read(body!, clock.GetUtcNow());
        }
        catch (PaymentFieldException ex)
        {
            return Problems.Field(ex.Field, ex.Message);
        }

        var paidIn = currency;
        if (await directory.CatalogAsync(ct) is { } published)
        {
            var money = published.Catalog.Currency;
            paidIn = money.Code;
            if (currency is not null && currency != money.Code)
            {
                return Problems.Field("currency", $"'{currency}' is not the catalog's currency {money.Code}");
            }

            if (!money.HoldsExactly(payment.Amount))
            {
                return Problems.Field("amount", $"more decimal places than {money.Code} has ({money.MinorUnits}); amounts are not rounded");
            }
        }

        var customer = await directory.CustomerAsync(payment.Customer, ct);
        if (customer is null)
        {
            return Problems.Field("customer", $"unknown customer '{payment.Customer}'", StatusCodes.Status422UnprocessableEntity);
        }

        if (payment.Period is { } period && await directory.CatalogAsync(ct) is { } catalog)
        {
            var invoiced = await directory.CustomerAsync(customer.InvoicedCustomerId, ct) ?? customer;
            if (catalog.Calendar.TryParse(period, catalog.Catalog.Plans[invoiced.PlanCode].Period) is null)
            {
                return Problems.Field("period", $"'{period}' is not a billing period of this customer's plan (2026-01 or 2026-Q1)");
            }
        }

        // A repeat that leaves out "at" (default: now) is the payment recorded then, whenever it is repeated.
        if (!atGiven && await payments.FindAsync(payment.Customer, payment.Id, ct) is { } stored)
        {
            payment = payment with { At = stored.At };
        }

        var recording = await payments.RecordAsync(payment, clock.GetUtcNow(), ct);
        if (recording == PaymentRecording.Conflicting)
        {
            return Problems.Field("id", $"payment '{payment.Id}' was recorded before with other content", StatusCodes.Status409Conflict);
        }

        await crashes.PassAsync("payment-recorded", ct);

        // Emitted for a repeat too: a request retried after a crash here announces the payment, with one event id. Not
        // retried, a settlement of the account does it later (PaymentFollowUps).
        await integrationEvents.EmitAsync(Events.IntegrationEvent.PaymentRecorded(payment, paidIn), ct);

        var run = await settlement.RunAsync(customer.InvoicedCustomerId, clock.GetUtcNow(), ct);
        await receipts.SendAsync(payment, customer, recording, run.Invoices, ct);

        // A payment can lift a credit-limit suspension, which depends on the open period's usage: check it now.
        monitor.Observe([customer.Id]);
        await monitor.ScanAsync(ct);
        return Results.Json(new { id = payment.Id, recorded = recording == PaymentRecording.Recorded }, statusCode: recording == PaymentRecording.Recorded ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>The payment, the currency the payer named, if any, and whether it named <c>at</c> (else: now).</summary>
    private static (Payment Payment, string? Currency, bool AtGiven) Read(byte[] body, DateTimeOffset now)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new PaymentFieldException("$", "not valid JSON");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PaymentFieldException("$", "must be a payment object");
        }

        if (root.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !Fields.Contains(n, StringComparer.Ordinal)) is { } unknown)
        {
            // A misspelt field would otherwise be ignored: "peroid" would apply the money to the oldest invoices.
            throw new PaymentFieldException(unknown.Length == 0 ? "$" : unknown, $"not a field of a payment (they are {string.Join(", ", Fields)})");
        }

        var id = Text(root, "id");
        var customer = Text(root, "customer");
        var at = now;
        var atGiven = false;
        if (Optional(root, "at") is { } atValue)
        {
            if (atValue.ValueKind != JsonValueKind.String)
            {
                throw new PaymentFieldException("at", "an ISO 8601 timestamp string with an offset, such as \"2026-02-20T09:00:00+08:00\"");
            }

            if (!ScenarioTimestamp.TryParse(atValue.GetString()!, out at, out var problem))
            {
                throw new PaymentFieldException("at", problem);
            }

            atGiven = true;
        }

        if (at > now)
        {
            throw new PaymentFieldException("at", "in the future");
        }

        var amountText = root.TryGetProperty("amount", out var amountValue) ? amountValue.ValueKind switch
        {
            JsonValueKind.String => amountValue.GetString(),
            JsonValueKind.Number => amountValue.GetRawText(),
            _ => null,
        } : null;
        if (amountText is null || !Domain.Metering.MeterReading.TryParseDecimal(amountText, out var amount) || amount <= 0m || amount > 1_000_000_000_000m)
        {
            throw new PaymentFieldException("amount", "required: a positive decimal string such as \"100.00\"");
        }

        string? currency = null;
        if (root.TryGetProperty("currency", out var currencyValue) && currencyValue.ValueKind != JsonValueKind.Null)
        {
            currency = currencyValue.ValueKind == JsonValueKind.String && currencyValue.GetString() is { Length: 3 } code && code.All(char.IsAsciiLetterUpper)
                ? code
                : throw new PaymentFieldException("currency", "an ISO 4217 code such as \"USD\", the catalog's currency");
        }

        var period = Optional(root, "period") is { } periodValue
            ? periodValue.ValueKind == JsonValueKind.String ? periodValue.GetString() : throw new PaymentFieldException("period", "a billing period string such as \"2026-01\" or \"2026-Q1\"")
            : null;
        return (new Payment(id, customer, at, amount, period), currency, atGiven);
    }

    /// <summary>The fields a payment may carry.</summary>
    private static readonly string[] Fields = ["id", "customer", "at", "amount", "period", "currency"];

    /// <summary>The field's value when present and not null.</summary>
    private static JsonElement? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 256 } text && !text.Any(char.IsControl)
            ? text
            : throw new PaymentFieldException(name, "required: a string of 1 to 256 characters without control characters");

    private sealed class PaymentFieldException(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }
}
