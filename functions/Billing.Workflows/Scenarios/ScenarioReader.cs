using System.Text.Json;
using Billing.Domain.Accounts;
using Billing.Domain.Catalog;
using Billing.Domain.Metering;
using Billing.Domain.Payments;
using Billing.Domain.Periods;
using Billing.Workflows.Simulation;

namespace Billing.Workflows.Scenarios;

/// <summary>
/// Reads a scenario document (see <c>scenario-format.md</c>) into a <see cref="SimulationInput"/>. Faults of
/// the document itself throw <see cref="ScenarioFormatException"/> naming the JSON path; faults of single
/// events that the billing rules reject (unknown customer or meter, bad property) are left to the run.
/// </summary>
public static class ScenarioReader
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 };

    public static SimulationInput Read(string json, bool keepDetails = false)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}, position {ex.BytePositionInLine + 1}" : "unknown position";
            throw new ScenarioFormatException("$", $"not valid JSON ({where})");
        }

        using (document)
        {
            var root = new JsonNode(document.RootElement, string.Empty);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ScenarioFormatException("$", "must be a JSON object");
            }

            var start = root.Required("start").Timestamp();
            var endNode = root.Required("end");
            var end = endNode.Timestamp();
            if (end <= start)
            {
                throw endNode.Fault("not after start");
            }

            var graceNode = root.Property("lateArrivalGraceHours");
            var graceHours = graceNode.IsNull ? 2m : graceNode.NonNegativeDecimal();
            if (graceHours > 24m * 366m)
            {
                throw graceNode.Fault("must be at most a year");
            }

            CatalogDocumentRules.Check(root);
            var catalog = CatalogReader.Read(root);
            var customers = CustomerReader.ReadAll(root.Required("customers"), catalog, start);
            var events = ReadEvents(root.Property("events"));
            var payments = ReadPayments(root.Property("payments"), customers, catalog);
            return new SimulationInput(start, end, TimeSpan.FromHours((double)graceHours), catalog, customers, events, payments, keepDetails)
            {
                DunningLadders = ReadLadders(root.Property("dunningLadders")),
                PaymentPlans = ReadPaymentPlans(root.Property("paymentPlans"), customers, catalog),
            };
        }
    }

    /// <summary>
    /// An extension of the format: <c>"dunningLadders": {"high": {"steps": [...]}}</c>, the ladder a customer with that
    /// <c>riskLevel</c> follows instead of <c>dunning</c>.
    /// </summary>
    private static Dictionary<string, Billing.Domain.Dunning.DunningPolicy> ReadLadders(JsonNode node)
    {
        var ladders = new Dictionary<string, Billing.Domain.Dunning.DunningPolicy>(StringComparer.Ordinal);
        if (node.IsNull)
        {
            return ladders;
        }

        foreach (var level in node.ExpectObject().Element.EnumerateObject())
        {
            if (level.Name is not ("low" or "medium" or "high"))
            {
                throw node.Property(level.Name).Fault("risk levels are low, medium and high");
            }

            ladders[level.Name] = CatalogReader.ReadDunning(node.Property(level.Name).ExpectObject());
        }

        return ladders;
    }

    /// <summary>
    /// An extension of the format: <c>"paymentPlans": [{"customer", "period", "createdAt", "installments": [{"amount", "dueAt"}]}]</c>,
    /// installments in due order.
    /// </summary>
    private static List<PaymentPlan> ReadPaymentPlans(JsonNode node, List<Customer> customers, ProductCatalog catalog)
    {
        var plans = new List<PaymentPlan>();
        var calendar = new BillingCalendar(catalog.TimeZone);
        foreach (var item in node.Items())
        {
            item.ExpectObject();
            var customerNode = item.Required("customer");
            var customer = customers.FirstOrDefault(c => c.Id == customerNode.String()) ?? throw customerNode.Fault($"unknown customer '{customerNode.String()}'");
            var invoiced = customers.First(c => c.Id == customer.InvoicedCustomerId);
            var periodNode = item.Required("period");
            if (calendar.TryParse(periodNode.String(), catalog.Plans[invoiced.PlanCode].Period) is null)
            {
                throw periodNode.Fault($"'{periodNode.String()}' is not a billing period of this customer's plan");
            }

            var installments = new List<Installment>();
            foreach (var installment in item.Required("installments").Items())
            {
                installment.ExpectObject();
                var dueNode = installment.Required("dueAt");
                var due = dueNode.Timestamp();
                if (installments.Count > 0 && due <= installments[^1].DueAt)
                {
                    throw dueNode.Fault("installments must fall due in order");
                }

                installments.Add(new Installment(installment.Required("amount").PositiveAmount(catalog.Currency), due));
            }

            if (installments.Count == 0)
            {
                throw item.Property("installments").Fault("needs at least one installment");
            }

            plans.Add(new PaymentPlan(customer.Id, periodNode.String(), item.Required("createdAt").Timestamp(), installments));
        }

        return plans;
    }

    private static List<RawUsageEvent> ReadEvents(JsonNode node)
    {
        var events = node.Items().Select(UsageEventReader.Read).ToList();

        // Arrival order: by received time; the document order breaks ties (OrderBy is stable).
        return events.OrderBy(e => e.ReceivedAt).ToList();
    }

    private static List<Payment> ReadPayments(JsonNode node, List<Customer> customers, ProductCatalog catalog)
    {
        var byId = customers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var calendar = new BillingCalendar(catalog.TimeZone);
        var payments = new List<Payment>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in node.Items())
        {
            item.ExpectObject();
            var idNode = item.Required("id");
            var id = idNode.String();
            if (!ids.Add(id))
            {
                throw idNode.Fault($"duplicate payment id '{id}'");
            }

            var customerNode = item.Required("customer");
            var customerId = customerNode.String();
            if (!byId.TryGetValue(customerId, out var customer))
            {
                throw customerNode.Fault($"unknown customer '{customerId}'");
            }

            var invoiced = byId[customer.InvoicedCustomerId];
            var periodNode = item.Property("period");
            var period = periodNode.OptionalString();
            var unit = catalog.Plans[invoiced.PlanCode].Period;
            if (period is not null && calendar.TryParse(period, unit) is null)
            {
                throw periodNode.Fault(unit == PeriodUnit.Month ? $"'{period}' is not a month such as 2026-01" : $"'{period}' is not a quarter such as 2026-Q1");
            }

            payments.Add(new Payment(id, customerId, item.Required("at").Timestamp(), item.Required("amount").PositiveAmount(catalog.Currency), period));
        }

        return payments;
    }
}
