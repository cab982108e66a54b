using Billing.Application.Accounts;
using Billing.Application.Collections;
using Billing.Application.Events;
using Billing.Application.Security;
using Billing.Application.Settlement;
using Billing.Storage.Payments;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Settlement;

/// <summary><c>POST /api/payments</c>: records a payment idempotently and applies it to the account; operators (admin key).</summary>
public sealed class PaymentsHttp(
    AdminKeyFilter admin,
    PaymentStore payments,
    BillingDirectory directory,
    SettlementService settlement,
    PaymentReceipts receipts,
    CollectionsMonitor monitor,
    IntegrationEventPublisher integrationEvents,
    CrashPoints crashes,
    TimeProvider clock)
{
    [Function(nameof(PaymentsHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payments")] HttpRequest request,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await PaymentsApi.PostAsync(request, payments, directory, settlement, receipts, monitor, integrationEvents, crashes, clock, cancellationToken);
}
