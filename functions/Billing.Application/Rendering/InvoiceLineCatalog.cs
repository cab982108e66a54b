using Billing.Domain.Catalog;
using Billing.Domain.Invoicing;
using Billing.Domain.Packs;
using Billing.Domain.Pricing;

namespace Billing.Application.Rendering;

/// <summary>
/// What the catalog says about an invoice line, for people: the charge's display name (its <c>name</c>, else its meter's
/// <c>name</c>, else the meter's code, else the line code), the unit (the charge's <c>unit</c>, else the meter's) and the
/// catalog price per unit. A line <c>child/charge</c> is looked up in that child's plan, <c>charge@2026-01</c> (late usage)
/// as its charge, with the period named and no unit price (its amount is the difference of two priced totals). A prepaid pack's line (its code among <paramref name="packs"/>) is
/// described as the pack: its code, quantity and meter. Another line the plans do not price keeps its code and, at
/// quantity 1, shows its amount as the unit price. Not shown as a unit price: a graduated charge whose quantity spans
/// several tiers (its slices are listed instead), and a price that does not give the line's unrounded amount (the charge
/// was priced by another catalog version).
/// </summary>
public sealed class InvoiceLineCatalog(
    ProductCatalog catalog, string planCode, IReadOnlyDictionary<string, string>? childPlanCodes = null, IReadOnlyList<PrepaidPack>? packs = null)
{
    /// <summary>The line as the document shows it, in the language of <paramref name="labels"/>.</summary>
    public InvoiceDocumentLine Describe(InvoiceLine line, InvoiceLabels labels, InvoiceLineBreakdown? breakdown)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(labels);
        var (charge, latePeriod) = ChargeOf(line.Code);
        if (charge is null)
        {
            var pack = packs?.FirstOrDefault(p => p.Code == line.Code);
            var description = pack is not null
                ? labels.PrepaidPack(pack.Code, InvoiceView.Grouped(pack.Quantity, labels, 0), NameOfMeter(pack.Meter))
                : line.Detail?.Meter is { } meterCode ? NameOfMeter(meterCode) : line.Code;
            return new InvoiceDocumentLine(line.Code, description, line.Quantity, line.Amount, breakdown)
            {
                UnitPrice = line.Quantity == 1m && line.Detail is null ? new InvoiceUnitPrice(line.Amount) : null,
            };
        }

        var meter = charge.Meter is { } code && catalog.Meters.TryGetValue(code, out var found) ? found : null;
        var name = charge.Name ?? meter?.Name ?? meter?.Code ?? charge.Code;
        return new InvoiceDocumentLine(line.Code, latePeriod is null ? name : labels.LateUsage(name, latePeriod), line.Quantity, line.Amount, breakdown)
        {
            Unit = charge.Unit ?? meter?.Unit,
            UnitPrice = latePeriod is null && PricedBy(charge.Price, line) ? UnitPriceOf(charge.Price, line) : null,
        };
    }

    /// <summary>
    /// Whether this catalog's price gives the line's unrounded amount, so the unit price shown is the one that priced it
    /// (a catalog version published after the invoice was issued may price the charge differently).
    /// </summary>
    private static bool PricedBy(ChargePrice price, InvoiceLine line) => line.Detail is not { } detail || detail.UnroundedAmount == price switch
    {
        FlatFee flat => detail.Proration?.Apply(flat.Amount) ?? flat.Amount,
        _ => price.PriceOf(line.Quantity),
    };

    private static InvoiceUnitPrice? UnitPriceOf(ChargePrice price, InvoiceLine line) => price switch
    {
        PerUnitPrice perUnit => new InvoiceUnitPrice(perUnit.UnitPrice),
        VolumePrice volume => new InvoiceUnitPrice(volume.TierFor(line.Quantity).UnitPrice),
        PackagePrice package => new InvoiceUnitPrice(package.PackageAmount, package.PackageSize),
        FlatFee flat => new InvoiceUnitPrice(flat.Amount),
        GraduatedPrice graduated when graduated.Slices(line.Quantity).Where(s => s.Quantity > 0m).Select(s => s.UnitPrice).Distinct().ToList() is [var only] =>
            new InvoiceUnitPrice(only),
        _ => null,
    };

    private (Charge? Charge, string? LatePeriod) ChargeOf(string lineCode)
    {
        var at = lineCode.LastIndexOf('@');
        var latePeriod = at > 0 ? lineCode[(at + 1)..] : null;
        var code = at > 0 ? lineCode[..at] : lineCode;
        var plan = planCode;
        var slash = code.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            if (childPlanCodes is null || !childPlanCodes.TryGetValue(code[..slash], out var childPlan))
            {
                return (null, null);
            }

            plan = childPlan;
            code = code[(slash + 1)..];
        }

        var charge = catalog.Plans.TryGetValue(plan, out var found) ? found.Charges.FirstOrDefault(c => c.Code == code) : null;
        return (charge, charge is null ? null : latePeriod);
    }

    private string NameOfMeter(string code) => catalog.Meters.TryGetValue(code, out var meter) ? meter.Name ?? code : code;
}
