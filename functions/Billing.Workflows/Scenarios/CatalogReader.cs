using Billing.Domain.Catalog;
using Billing.Domain.Dunning;
using Billing.Domain.Money;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;

namespace Billing.Workflows.Scenarios;

/// <summary>
/// Reads the catalog part of the scenario format (<c>timezone</c>, <c>currency</c>, <c>meters</c>,
/// <c>plans</c>, <c>dunning</c>) and checks it is consistent: unique codes, known meters, ascending tiers
/// with an open last tier, each tier with exactly one of <c>unitPrice</c> and <c>rate</c> as its model needs,
/// non-negative prices, rates, flat amounts and free events, money amounts with no more decimals than the currency,
/// percentage models only on <c>sum</c> meters without rounding. These are the billing rules, which stored catalog
/// versions are read by as well; a catalog offered from outside must also satisfy <see cref="CatalogDocumentRules"/>
/// (identifier codes, property names an event can carry, plain display text, and the bounds that keep pricing within
/// <see cref="decimal"/>: prices and amounts at most 10^12, rates at most 100 percent, at most 12 decimal places).
/// </summary>
internal static class CatalogReader
{
    private static readonly Dictionary<string, Aggregation> Aggregations = new(StringComparer.Ordinal)
    {
        ["sum"] = Aggregation.Sum, ["count"] = Aggregation.Count, ["max"] = Aggregation.Max, ["unique_count"] = Aggregation.UniqueCount,
        ["latest"] = Aggregation.Latest,
    };

    private static readonly Dictionary<string, MeterRoundingMode> RoundingModes = new(StringComparer.Ordinal)
    {
        ["up"] = MeterRoundingMode.Up, ["down"] = MeterRoundingMode.Down, ["nearest"] = MeterRoundingMode.Nearest,
    };

    private static readonly Dictionary<string, PeriodUnit> PeriodUnits = new(StringComparer.Ordinal)
    {
        ["month"] = PeriodUnit.Month, ["quarter"] = PeriodUnit.Quarter,
    };

    private static readonly Dictionary<string, DeductionSource> Sources = new(StringComparer.Ordinal)
    {
        ["packs"] = DeductionSource.Packs, ["free_quota"] = DeductionSource.FreeQuota,
    };

    private static readonly Dictionary<string, QuotaRenewal> Renewals = new(StringComparer.Ordinal)
    {
        ["period"] = QuotaRenewal.Period, ["once"] = QuotaRenewal.Once,
    };

    private static readonly Dictionary<string, DunningAction> Actions = new(StringComparer.Ordinal)
    {
        ["remind"] = DunningAction.Remind, ["throttle"] = DunningAction.Throttle, ["backup"] = DunningAction.Backup, ["suspend"] = DunningAction.Suspend,
    };

    private static readonly HashSet<string> Models = new(StringComparer.Ordinal)
    {
        "per_unit", "graduated", "volume", "package", "flat", "graduated_percentage", "percentage",
    };

    public static ProductCatalog Read(JsonNode root)
    {
        var zoneNode = root.Required("timezone");
        var zone = ReadZone(zoneNode);
        var currencyNode = root.Required("currency");
        var currency = Currency.TryOf(currencyNode.String()) ?? throw currencyNode.Fault("must be an ISO 4217 code such as CNY");

        var meters = new Dictionary<string, Meter>(StringComparer.Ordinal);
        foreach (var node in root.Required("meters").Items())
        {
            var meter = ReadMeter(node.ExpectObject()) with { Name = DisplayText(node.Property("name")), Unit = DisplayText(node.Property("unit")) };
            if (!meters.TryAdd(meter.Code, meter))
            {
                throw node.Property("code").Fault($"duplicate meter code '{meter.Code}'");
            }
        }

        var plans = new Dictionary<string, Plan>(StringComparer.Ordinal);
        foreach (var node in root.Required("plans").Items())
        {
            var plan = ReadPlan(node.ExpectObject(), meters, currency);
            if (!plans.TryAdd(plan.Code, plan))
            {
                throw node.Property("code").Fault($"duplicate plan code '{plan.Code}'");
            }
        }

        var dunningNode = root.Property("dunning");
        var dunning = dunningNode.IsNull ? DunningPolicy.Default : ReadDunning(dunningNode.ExpectObject());
        return new ProductCatalog(zone, currency, meters, plans, dunning);
    }

    private static TimeZoneInfo ReadZone(JsonNode node)
    {
        var name = node.String();
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (TimeZoneNotFoundException)
        {
            throw node.Fault($"unknown IANA time zone '{name}'");
        }
        catch (InvalidTimeZoneException)
        {
            throw node.Fault($"invalid time zone '{name}'");
        }
    }

    private static Meter ReadMeter(JsonNode node)
    {
        var code = node.Required("code").String();
        var aggregation = node.Required("aggregation").Choice(Aggregations);
        var property = aggregation == Aggregation.Count ? node.Property("property").OptionalString() : node.Required("property").String();
        var roundingNode = node.Property("rounding");
        MeterRounding? rounding = null;
        if (!roundingNode.IsNull)
        {
            roundingNode.ExpectObject();
            rounding = new MeterRounding(roundingNode.Required("increment").PositiveDecimal(), roundingNode.Required("mode").Choice(RoundingModes));
        }

        return new Meter(code, aggregation, property, rounding);
    }

    private static Plan ReadPlan(JsonNode node, IReadOnlyDictionary<string, Meter> meters, Currency currency)
    {
        var code = node.Required("code").String();
        var period = node.Required("period").Choice(PeriodUnits);
        var termsNode = node.Required("paymentTermsDays");
        var terms = termsNode.Integer();
        if (terms is < 0 or > 3650)
        {
            throw termsNode.Fault("must be between 0 and 3650");
        }

        var charges = new List<Charge>();
        var chargeCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chargeNode in node.Required("charges").Items())
        {
            var charge = ReadCharge(chargeNode.ExpectObject(), meters, currency) with { Name = DisplayText(chargeNode.Property("name")), Unit = DisplayText(chargeNode.Property("unit")) };
            if (!chargeCodes.Add(charge.Code))
            {
                throw chargeNode.Property("code").Fault($"duplicate charge code '{charge.Code}'");
            }

            charges.Add(charge);
        }

        var quotas = new List<FreeQuota>();
        foreach (var quotaNode in node.Property("freeQuota").Items())
        {
            var meterNode = quotaNode.ExpectObject().Required("meter");
            var meter = KnownMeter(meterNode, meters);
            if (!meter.IsDeductible)
            {
                throw meterNode.Fault($"meter '{meter.Code}' is {meter.Aggregation}; only sum and count meters take free quota");
            }

            if (quotas.Any(q => q.Meter == meter.Code))
            {
                throw meterNode.Fault($"a second free quota for meter '{meter.Code}'");
            }

            quotas.Add(new FreeQuota(meter.Code, quotaNode.Required("quantity").NonNegativeDecimal(), quotaNode.Required("per").Choice(Renewals)));
        }

        var orderNode = node.Property("deductionOrder");
        var order = orderNode.IsNull ? Plan.DefaultDeductionOrder : orderNode.Items().Select(n => n.Choice(Sources)).ToList();
        if (order.Distinct().Count() != order.Count)
        {
            throw orderNode.Fault("lists a source twice");
        }

        return new Plan(code, period, terms, charges, quotas, order);
    }

    private static Charge ReadCharge(JsonNode node, IReadOnlyDictionary<string, Meter> meters, Currency currency)
    {
        var code = node.Required("code").String();
        var modelNode = node.Required("model");
        var model = modelNode.String();
        if (!Models.Contains(model))
        {
            throw modelNode.Fault($"'{model}' is not one of {string.Join(", ", Models)}");
        }

        if (model == "flat")
        {
            return new Charge(code, null, new FlatFee(node.Required("amount").NonNegativeAmount(currency)));
        }

        var meterNode = node.Required("meter");
        var meter = KnownMeter(meterNode, meters);
        if (model is "percentage" or "graduated_percentage")
        {
            if (meter.Aggregation != Aggregation.Sum)
            {
                throw meterNode.Fault($"meter '{meter.Code}' is {meter.Aggregation}; {model} needs a sum meter");
            }

            if (meter.Rounding is not null)
            {
                throw meterNode.Fault($"meter '{meter.Code}' has rounding; {model} needs a sum meter without rounding");
            }
        }

        ChargePrice price = model switch
        {
            "per_unit" => new PerUnitPrice(node.Required("unitPrice").NonNegativeDecimal()),
            "graduated" => new GraduatedPrice(ReadTiers(node.Required("tiers"), percent: false, currency).ConvertAll(t => new Tier(t.UpTo, t.Price, t.FlatAmount))),
            "volume" => new VolumePrice(ReadTiers(node.Required("tiers"), percent: false, currency).ConvertAll(t => new Tier(t.UpTo, t.Price, t.FlatAmount))),
            "graduated_percentage" => new GraduatedPercentagePrice(ReadTiers(node.Required("tiers"), percent: true, currency).ConvertAll(t => new PercentageTier(t.UpTo, t.Price, t.FlatAmount))),
            "percentage" => ReadPercentage(node),
            _ => new PackagePrice(node.Required("packageSize").PositiveDecimal(), node.Required("packagePrice").NonNegativeDecimal()),
        };
        return new Charge(code, meter.Code, price);
    }

    private static PercentagePrice ReadPercentage(JsonNode node)
    {
        var rate = node.Required("rate").NonNegativeDecimal();
        var fixedNode = node.Property("fixedAmount");
        var fixedAmount = fixedNode.IsNull ? 0m : fixedNode.NonNegativeDecimal();
        var freeNode = node.Property("freeEvents");
        var freeEvents = freeNode.IsNull ? 0 : freeNode.Integer();
        return freeEvents < 0 ? throw freeNode.Fault("must not be negative") : new PercentagePrice(rate, fixedAmount, freeEvents);
    }

    /// <summary>
    /// The tiers of a tiered model: each with <c>unitPrice</c> (<paramref name="percent"/> false) or <c>rate</c>
    /// (true), never both, and an optional <c>flatAmount</c> (default 0).
    /// </summary>
    private static List<(decimal? UpTo, decimal Price, decimal FlatAmount)> ReadTiers(JsonNode node, bool percent, Currency currency)
    {
        var tiers = new List<(decimal? UpTo, decimal Price, decimal FlatAmount)>();
        foreach (var tierNode in node.Items())
        {
            tierNode.ExpectObject();
            var upToNode = tierNode.Property("upTo");
            decimal? upTo = upToNode.IsNull ? null : upToNode.PositiveDecimal();
            if (tiers.Count > 0 && tiers[^1].UpTo is null)
            {
                throw tierNode.Fault("follows a tier without upper bound");
            }

            if (upTo is not null && tiers.Count > 0 && upTo <= tiers[^1].UpTo)
            {
                throw upToNode.Fault("tiers not ascending");
            }

            var unitPriceNode = tierNode.Property("unitPrice");
            var rateNode = tierNode.Property("rate");
            if (!unitPriceNode.IsNull && !rateNode.IsNull)
            {
                throw tierNode.Fault("has both unitPrice and rate; a tier takes one");
            }

            var priceNode = percent ? rateNode : unitPriceNode;
            if (priceNode.IsNull)
            {
                throw tierNode.Fault(percent ? "needs rate (percent); graduated_percentage tiers take rate, not unitPrice" : "needs unitPrice; only graduated_percentage tiers take rate");
            }

            var flatNode = tierNode.Property("flatAmount");
            tiers.Add((upTo, priceNode.NonNegativeDecimal(), flatNode.IsNull ? 0m : flatNode.NonNegativeAmount(currency)));
        }

        if (tiers.Count == 0)
        {
            throw node.Fault("needs at least one tier");
        }

        return tiers[^1].UpTo is null ? tiers : throw node.Fault("the last tier must have upTo null (no upper bound)");
    }

    internal static DunningPolicy ReadDunning(JsonNode node)
    {
        var steps = node.Required("steps").Items().Select(step =>
        {
            step.ExpectObject();
            var daysNode = step.Required("afterDueDays");
            var days = daysNode.Integer();
            return days is < -3650 or > 3650
                ? throw daysNode.Fault("must be between -3650 and 3650")
                : new DunningStep(days, step.Required("action").Choice(Actions));
        }).ToList();
        for (var i = 1; i < steps.Count; i++)
        {
            if (steps[i].AfterDueDays < steps[i - 1].AfterDueDays)
            {
                throw node.Property("steps").Fault($"step {i} comes before step {i - 1} in time; list steps in time order");
            }
        }

        return new DunningPolicy(steps);
    }

    /// <summary>
    /// An optional display text of a meter or charge (<c>name</c>, <c>unit</c>); its length and characters are
    /// <see cref="CatalogDocumentRules"/>' concern.
    /// </summary>
    private static string? DisplayText(JsonNode node) => node.OptionalString();

    private static Meter KnownMeter(JsonNode node, IReadOnlyDictionary<string, Meter> meters)
    {
        var code = node.String();
        return meters.TryGetValue(code, out var meter) ? meter : throw node.Fault($"unknown meter '{code}'");
    }
}
