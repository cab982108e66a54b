using Billing.Application.Email;
using Billing.Application.Imports;
using Billing.Application.Ingestion;
using Billing.Functions.OpenApi.Contracts;
using Billing.Storage.Alerts;
using Billing.Storage.Collections;
using static Billing.Functions.OpenApi.ApiAnswer;

namespace Billing.Functions.OpenApi;

/// <summary>
/// The OpenAPI detail of every HTTP function, keyed by function name (its class's name). A function missing here,
/// or an entry naming no function, stops the document from being built, so the document lists every route.
/// Request bodies the scenario format specifies (catalog, customer document, pack) are referenced, not repeated; every
/// JSON answer but the OpenAPI document itself has a contract record (in <c>Contracts</c>, or the application's own record).
/// </summary>
public static class ApiOperations
{
    private const string ScenarioFormat = "specified by the shared scenario format (scenario-format.md)";
    private static readonly ApiQuery From = new("from", "Start of the window, ISO 8601 with an offset.", Format: "date-time");
    private static readonly ApiQuery To = new("to", "End of the window (exclusive), ISO 8601 with an offset.", Format: "date-time");

    public static IReadOnlyDictionary<string, ApiOperation> ByFunction { get; } = new Dictionary<string, ApiOperation>(StringComparer.Ordinal)
    {
        ["HealthHttp"] = new("Liveness: the host is up and serving", ApiAccess.Anyone, [Ok<LiveStatus>("{\"status\":\"ok\"}")]),
        ["ReadinessHttp"] = new(
            "Readiness: storage answers, every table, queue and container exists, and the invoice fonts are there",
            ApiAccess.Anyone,
            [Ok<ReadyStatus>("ready, with each resource checked"), Problem(503, "not ready: names what is missing or unreachable (failures, checks)")]),
        ["OpenApiHttp"] = new("This OpenAPI document", ApiAccess.Anyone, [OkFree("the OpenAPI 3.1 document", "an OpenAPI 3.1 document")]),

        ["IngestUsageHttp"] = new(
            "Send usage: one event or a batch, validated and durably queued",
            ApiAccess.Ingest,
            [
                Ok<IntakeResult>("queued (not yet metered); duplicates within the request and events refused at once are counted and listed", 202),
                Problem(400, "malformed JSON or body"),
                Problem(422, "nothing was queued: errors by field and the rejected list"),
            ])
        {
            Body = new([ApiShape.Of<UsageEventRequest>(), ApiShape.Of<UsageBatchRequest>()], 1024 * 1024, [Json]),
        },
        ["CustomerRejectedEventsHttp"] = new(
            "Events refused after the webhook answered, in event-time order",
            ApiAccess.CustomerOrAdmin,
            [OkList<RejectedEvent>("the customer's rejected events")]),
        ["CustomerUsageHttp"] = new(
            "Usage series from the hourly aggregates",
            ApiAccess.CustomerOrAdmin,
            [Ok<UsageSeries>("the series"), Problem(400, "a missing or malformed query parameter, or an unknown meter")])
        {
            Query = [new("meter", "A meter code of the catalog.", Required: true), From with { Required = true }, To with { Required = true }, new("granularity", "hour, day or month (default hour).")],
        },
        ["CustomerEventsHttp"] = new(
            "The raw events of a window of at most one hour",
            ApiAccess.CustomerOrAdmin,
            [OkList<RawUsageEvent>("the events"), Problem(400, "a missing or malformed query parameter, or an unknown meter")])
        {
            Query = [new("meter", "A meter code of the catalog.", Required: true), From with { Required = true }, To with { Required = true }],
        },
        ["CustomerInvoicesHttp"] = new("The customer's invoices", ApiAccess.CustomerOrAdmin, [OkList<InvoiceOutcome>("the invoices in the outcome shape, with their numbers")]),
        ["InvoicePreviewHttp"] = new(
            "The open period priced so far (dry run)",
            ApiAccess.CustomerOrAdmin,
            [Ok<InvoicePreview>("the preview")]),
        ["CustomerAlertsHttp"] = new("The customer's alerts", ApiAccess.CustomerOrAdmin, [OkList<AlertRecord>("the alerts (usage spikes, credit and pack alerts)")]),
        ["CustomerTimelineHttp"] = new("Collection and alert actions carried out", ApiAccess.CustomerOrAdmin, [OkList<TimelineEntry>("the timeline (reminders, throttle, backup, suspend, restore, alerts)")]),
        ["CustomerStatusHttp"] = new(
            "The customer's service status (active, throttled or suspended), with a strong ETag",
            ApiAccess.CustomerOrAdmin,
            [Ok<CustomerServiceStatus>("the status with reason and since"), Empty(304, "If-None-Match matched the current ETag")]),
        ["InvoiceHttp"] = new("One invoice by number", ApiAccess.CustomerOrAdmin, [Ok<InvoiceOutcome>("the invoice in the outcome shape"), Problem(404, "no invoice of that number")]),
        ["InvoicePdfHttp"] = new("The rendered invoice PDF", ApiAccess.CustomerOrAdmin, [OkFile("the PDF (stored write-once)", "application/pdf")]),
        ["InvoiceHtmlHttp"] = new("The rendered invoice HTML", ApiAccess.CustomerOrAdmin, [OkFile("the HTML (stored write-once)", "text/html")]),
        ["InvoiceReceiptHttp"] = new("The receipt of an invoice paid in full", ApiAccess.CustomerOrAdmin, [OkFile("the receipt PDF", "application/pdf")]),
        ["EstimateHttp"] = new(
            "Cost calculator: a whole period of a plan priced by the billing engine",
            ApiAccess.Anyone,
            [Ok<Estimate>("the lines and totals"), Problem(400, "a malformed field"), Problem(409, "no catalog has been published yet"), Problem(422, "an unknown plan or meter")])
        {
            Body = ApiBody.Json<EstimateRequest>(16 * 1024),
        },
        ["PaymentsHttp"] = new(
            "Record a payment (bank transfer, write-off), idempotent by id, and email its receipt",
            ApiAccess.Admin,
            [
                Ok<PaymentRecorded>("recorded", 201),
                Ok<PaymentRecorded>("an identical repeat; nothing changed"),
                Problem(400, "a malformed field (amount with more decimals than the currency, a foreign currency, a future at...); nothing is stored"),
                Problem(409, "the id was recorded before with other content"),
                Problem(422, "an unknown customer"),
            ])
        {
            Body = ApiBody.Json<PaymentRequest>(8192),
        },

        ["AlertListHttp"] = new(
            "Alerts of every customer by kind",
            ApiAccess.Admin,
            [OkList<AlertRecord>("the alerts"), Problem(400, "kind is missing")])
        {
            Query = [new("kind", "The alert kind, e.g. usage_spike.", Required: true)],
        },
        ["BackupListHttp"] = new("Backups taken before the customer's suspensions, with their SHA-256", ApiAccess.Admin, [OkList<BackupEntry>("the backups")]),
        ["BackupGetHttp"] = new("One backup's zip by name", ApiAccess.Admin, [OkFile("the zip", "application/zip"), Problem(404, "no backup of that name")]),
        ["CatalogGetHttp"] = new("Every published catalog version", ApiAccess.Admin, [OkList<CatalogVersion>("the versions with their catalogs")]),
        ["CatalogPutHttp"] = new(
            "Publish the catalog as a new version (none for an identical document)",
            ApiAccess.Admin,
            [Ok<CatalogPublished>("published", 201), Ok<CatalogPublished>("identical to the current version"), Problem(400, "a fault, naming its JSON path"), Problem(409, "a change that cannot be made (timezone, currency, a plan in use)")])
        {
            Body = ApiBody.Free("a catalog " + ScenarioFormat + ": timezone, currency, meters, plans, dunning", 30 * 1024),
        },
        ["ClockGetHttp"] = new("The clock's now and whether it is simulated", ApiAccess.Admin, [Ok<ClockReading>("the clock")]),
        ["ClockAdvanceHttp"] = new(
            "Advance the simulated clock, settling what falls due",
            ApiAccess.Admin,
            [Ok<ClockAdvanced>("advanced; what failed on the way"), Problem(400, "to is missing, malformed or in the past"), Problem(409, "the host runs on the system clock")])
        {
            Body = ApiBody.Json<ClockAdvanceRequest>(4096),
        },
        ["CustomerListHttp"] = new("Customers in id order (paged)", ApiAccess.Admin, [Ok<CustomerPage>("a page of customers"), Problem(400, "malformed paging")])
        {
            Query = ApiQuery.Paging,
        },
        ["CustomerGetHttp"] = new("One customer: its document as last put", ApiAccess.Admin, [Ok<CustomerView>("the customer"), Problem(404, "unknown customer")]),
        ["CustomerPutHttp"] = new(
            "Create or update a customer",
            ApiAccess.Admin,
            [Ok<CustomerSaved>("created; the portal key is shown once", 201), Ok<CustomerSaved>("updated"), Problem(400, "a fault, naming the field; nothing is stored"), Problem(409, "no catalog yet, or created concurrently"), Problem(422, "an unknown or nested parent")])
        {
            Body = ApiBody.Free("a customer " + ScenarioFormat + ", without id", 30 * 1024),
        },
        ["CustomerPackPostHttp"] = new(
            "Sell a prepaid pack; its prepaid invoice is issued, rendered and emailed",
            ApiAccess.Admin,
            [Ok<PackSold>("sold", 201), Ok<PackSold>("an identical repeat"), Problem(400, "a fault, naming the field"), Problem(404, "unknown customer"), Problem(409, "the code was sold before with other content")])
        {
            Body = ApiBody.Free("a pack " + ScenarioFormat, 8192),
        },
        ["WebhookDeliveryListHttp"] = new("Delivery log of the outgoing webhooks (integration events)", ApiAccess.Admin, [OkList<WebhookDelivery>("the deliveries")]),
        ["FailedEmailListHttp"] = new(
            "Emails the provider refused or could not take",
            ApiAccess.Admin,
            [Ok<UndeliveredEmailPage>("a page of the emails"), Problem(400, "status is not pending or sent, or a malformed paging")])
        {
            Query = [.. ApiQuery.Paging, new("status", "pending or sent.")],
        },
        ["FailedEmailRetryHttp"] = new("Retry every pending failed email now", ApiAccess.Admin, [Ok<EmailRetryOutcome>("how many were sent and failed")]),
        ["ImportListHttp"] = new(
            "Usage files seen in the drop container and their reports (paged)",
            ApiAccess.Admin,
            [Ok<ImportPage>("a page of imported files with their reports"), Problem(400, "a malformed paging")])
        {
            Query = ApiQuery.Paging,
        },
        ["ImportRunHttp"] = new(
            "Import the usage files dropped in usage-drop now (JSON lines, one event per line, or CSV with a header row)",
            ApiAccess.Admin,
            [Ok<ImportRun>("how many files were imported")]),
        ["InvoiceListHttp"] = new(
            "Every customer's invoices (paged)",
            ApiAccess.Admin,
            [Ok<InvoicePage>("a page of invoices in the outcome shape"), Problem(400, "a malformed status, window or paging")])
        {
            Query = [.. ApiQuery.Paging, new("status", "open or paid."), From with { Description = "Issued at or after, ISO 8601 with an offset." }, To with { Description = "Issued before, ISO 8601 with an offset." }],
        },
        ["PaymentPlanPostHttp"] = new(
            "Installments for an open invoice",
            ApiAccess.Admin,
            [Ok<PaymentPlanAnswer>("created", 201), Ok<PaymentPlanAnswer>("an identical repeat"), Problem(400, "a malformed installment"), Problem(404, "no invoice of that number"), Problem(409, "not an open usage invoice, or it has a plan already"), Problem(422, "installments do not add up to the open balance")])
        {
            Body = ApiBody.Json<PaymentPlanRequest>(16 * 1024),
        },
        ["OutboxListHttp"] = new(
            "Emails written to the local outbox",
            ApiAccess.Admin,
            [Ok<OutboxPage>("a page of the outbox entries"), Problem(400, "a malformed prefix or paging")])
        {
            Query = [.. ApiQuery.Paging, new("prefix", "Only names beginning with this.")],
        },
        ["OutboxGetHttp"] = new("One email of the outbox (.eml)", ApiAccess.Admin, [OkFile("the email", "message/rfc822"), Problem(404, "no such email")]),
        ["PoisonListHttp"] = new("Messages that failed 5 times", ApiAccess.Admin, [OkList<PoisonMessage>("the messages"), Problem(404, "no poison queue of that name")]),
        ["PoisonRequeueHttp"] = new("Put a poison queue's messages back", ApiAccess.Admin, [Ok<PoisonRequeued>("how many were requeued"), Problem(404, "no poison queue of that name")]),
        ["WorkflowListHttp"] = new(
            "Durable orchestration instances (settlement cycles, dunning), then collections timelines (paged)",
            ApiAccess.Admin,
            [Ok<WorkflowPage>("a page of workflows"), Problem(400, "a malformed status, created instant or paging")])
        {
            Query = [.. ApiQuery.Paging, new("type", "The workflow type."), new("status", "running, completed or failed; for Durable instances also pending, terminated or suspended."), new("customer", "Only this customer's."), new("createdFrom", "Durable instances created at or after this instant."), new("createdTo", "Durable instances created at or before this instant.")],
        },
        ["WorkflowActionHttp"] = new(
            "Terminate, purge or restart a Durable instance (.../{id}/terminate, /purge, /restart)",
            ApiAccess.Admin,
            [Ok<WorkflowActed>("terminated, purged or restarted"), Problem(404, "no such instance or action"), Problem(409, "the instance is not in a state for the action")]),
    };
}
