using Billing.Domain.Accounts;
using Billing.Domain.Catalog;
using Billing.Domain.Invoicing;
using Billing.Domain.Money;
using Billing.Domain.Packs;

namespace Billing.Workflows.Scenarios;

/// <summary>
/// Reads customers of the scenario format and checks them against the catalog and each other: known plan,
/// unique ids, coupons with exactly one of percentOff/amountOff, packs on sum or count meters with
/// validTo after validFrom, and parents that exist and are invoiced themselves. A scenario's customers must also
/// satisfy <see cref="CustomerDocumentRules"/> (ids, text, email addresses, locale). The email address is kept in
/// the ASCII form it is sent to (an internationalised domain in punycode).
/// </summary>
internal static class CustomerReader
{
    private static readonly Dictionary<string, ChildBilling> ChildBillings = new(StringComparer.Ordinal)
    {
        ["pooled"] = ChildBilling.Pooled, ["separate"] = ChildBilling.Separate, ["independent"] = ChildBilling.Independent,
    };

    private static readonly Dictionary<string, PackAllocationMode> Allocations = new(StringComparer.Ordinal)
    {
        ["monthly"] = PackAllocationMode.Monthly, ["once"] = PackAllocationMode.Once,
    };

    public static List<Customer> ReadAll(JsonNode node, ProductCatalog catalog, DateTimeOffset defaultStart)
    {
        var customers = new List<Customer>();
        var paths = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var item in node.Items())
        {
            var idNode = item.ExpectObject().Required("id");
            if (!CustomerDocumentRules.IsIdentifier(idNode.String()))
            {
                throw idNode.Fault(CustomerDocumentRules.IdentifierProblem);
            }

            CustomerDocumentRules.Check(item);
            var customer = Read(item, idNode.String(), catalog, defaultStart);
            if (!paths.TryAdd(customer.Id, item))
            {
                throw item.Property("id").Fault($"duplicate customer id '{customer.Id}'");
            }

            customers.Add(customer);
        }

        var byId = customers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var customer in customers.Where(c => c.ParentId is not null))
        {
            CheckParent(customer, byId, paths[customer.Id]);
        }

        return customers;
    }

    /// <summary>Reads one customer (the scenario shape; <paramref name="id"/> comes from the document or the URL).</summary>
    public static Customer Read(JsonNode node, string id, ProductCatalog catalog, DateTimeOffset defaultStart)
    {
        var planNode = node.Required("plan");
        var plan = planNode.String();
        if (!catalog.Plans.ContainsKey(plan))
        {
            throw planNode.Fault($"unknown plan '{plan}'");
        }

        var startsNode = node.Property("startsAt");
        var startsAt = startsNode.IsNull ? defaultStart : startsNode.Timestamp();
        var taxNode = node.Property("taxRate");
        var taxRate = taxNode.IsNull ? 0m : taxNode.NonNegativeDecimal();
        if (taxRate > 1m)
        {
            throw taxNode.Fault("must be a fraction such as 0.06, not above 1");
        }

        var limitNode = node.Property("creditLimit");
        decimal? creditLimit = limitNode.IsNull ? null : limitNode.NonNegativeAmount(catalog.Currency);
        var coupons = node.Property("coupons").Items().Select(c => ReadCoupon(c, catalog.Currency)).ToList();
        var packs = new List<PrepaidPack>();
        foreach (var packNode in node.Property("packs").Items())
        {
            var pack = ReadPack(packNode.ExpectObject(), id, catalog);
            if (packs.Any(p => p.Code == pack.Code))
            {
                throw packNode.Property("code").Fault($"duplicate pack code '{pack.Code}'");
            }

            packs.Add(pack);
        }

        var parent = node.Property("parent").OptionalString();
        var childNode = node.Property("childBilling");
        ChildBilling? childBilling = childNode.IsNull ? null : childNode.Choice(ChildBillings);
        if (parent is not null && childBilling is null)
        {
            throw childNode.Fault("required when parent is set");
        }

        if (parent is null && childBilling is not null)
        {
            throw node.Property("parent").Fault("required when childBilling is set");
        }

        return new Customer(
            id,
            node.Property("name").OptionalString() ?? id,
            Email(node.Property("email")),
            plan,
            startsAt,
            taxRate,
            creditLimit,
            coupons,
            packs,
            parent,
            childBilling)
        {
            RiskLevel = ReadRiskLevel(node.Property("riskLevel")),
        };
    }

    /// <summary>The address in the form it is sent to (an internationalised domain in punycode); as written when it is not an address at all.</summary>
    private static string Email(JsonNode node) =>
        node.OptionalString() is { } text ? Domain.Accounts.EmailAddressSyntax.Normalize(text, out _) ?? text : string.Empty;

    private static string? ReadRiskLevel(JsonNode node) =>
        node.IsNull ? null : node.String() is "low" or "medium" or "high" ? node.String() : throw node.Fault("must be low, medium or high");

    private static Coupon ReadCoupon(JsonNode node, Currency currency)
    {
        node.ExpectObject();
        var code = node.Required("code").String();
        var percentNode = node.Property("percentOff");
        var amountNode = node.Property("amountOff");
        if (percentNode.IsNull == amountNode.IsNull)
        {
            throw node.Fault("needs exactly one of percentOff and amountOff");
        }

        decimal? percent = percentNode.IsNull ? null : percentNode.NonNegativeDecimal();
        if (percent > 100m)
        {
            throw percentNode.Fault("must not exceed 100");
        }

        var periodsNode = node.Property("periods");
        int? periods = periodsNode.IsNull ? null : periodsNode.Integer();
        if (periods < 1)
        {
            throw periodsNode.Fault("must be at least 1");
        }

        return new Coupon(code, percent, amountNode.IsNull ? null : amountNode.NonNegativeAmount(currency), periods);
    }

    private static PrepaidPack ReadPack(JsonNode node, string owner, ProductCatalog catalog)
    {
        var meterNode = node.Required("meter");
        var meterCode = meterNode.String();
        if (!catalog.Meters.TryGetValue(meterCode, out var meter))
        {
            throw meterNode.Fault($"unknown meter '{meterCode}'");
        }

        if (!meter.IsDeductible)
        {
            throw meterNode.Fault($"meter '{meterCode}' is {meter.Aggregation}; packs cover sum and count meters only");
        }

        var validFrom = node.Required("validFrom").Timestamp();
        var validToNode = node.Required("validTo");
        var validTo = validToNode.Timestamp();
        if (validTo <= validFrom)
        {
            throw validToNode.Fault("before validFrom");
        }

        return new PrepaidPack(
            node.Required("code").String(),
            owner,
            meterCode,
            node.Required("quantity").PositiveDecimal(),
            node.Required("price").NonNegativeAmount(catalog.Currency),
            node.Required("purchasedAt").Timestamp(),
            validFrom,
            validTo,
            node.Required("allocation").Choice(Allocations),
            node.Property("carryOver").Boolean(whenAbsent: false));
    }

    private static void CheckParent(Customer child, Dictionary<string, Customer> byId, JsonNode node)
    {
        var parentNode = node.Property("parent");
        if (child.ParentId == child.Id)
        {
            throw parentNode.Fault("a customer cannot be its own parent");
        }

        if (!byId.TryGetValue(child.ParentId!, out var parent))
        {
            throw parentNode.Fault($"unknown customer '{child.ParentId}'");
        }

        if (child.BillsThroughParent && parent.BillsThroughParent)
        {
            throw parentNode.Fault($"'{parent.Id}' is itself billed through its parent; nest one level only");
        }

        if (child.BillsThroughParent && child.StartsAt < parent.StartsAt)
        {
            throw node.Property("startsAt").Fault($"before parent '{parent.Id}' starts");
        }
    }
}
