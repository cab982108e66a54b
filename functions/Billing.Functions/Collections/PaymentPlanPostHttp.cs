using Billing.Application.Collections;
using Billing.Application.Security;
using Billing.Application.Settlement;
using Billing.Application.Workflows;
using Billing.Storage.Invoicing;
using Billing.Storage.Payments;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Collections;

/// <summary><c>POST /api/manage/invoices/{number}/payment-plan</c>: agrees installments for an open usage invoice; operators only.</summary>
public sealed class PaymentPlanPostHttp(AdminKeyFilter admin, InvoiceStore invoices, PaymentPlanStore plans, SettlementService settlement, WorkflowEventSender events, TimeProvider clock)
{
    [Function(nameof(PaymentPlanPostHttp))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/invoices/{number}/payment-plan")] HttpRequest request,
        string number,
        CancellationToken cancellationToken) =>
        admin.Refusal(request) ?? await PaymentPlanAdminApi.PostAsync(number, request, invoices, plans, settlement, events, clock, cancellationToken);
}
