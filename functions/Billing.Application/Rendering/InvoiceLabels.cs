using System.Globalization;

namespace Billing.Application.Rendering;

/// <summary>The fixed words of an invoice in one language. Composite phrases take their numbers as arguments.</summary>
public sealed class InvoiceLabels
{
    public static InvoiceLabels English { get; } = new()
    {
        HtmlLanguage = "en",
        Invoice = "Invoice",
        UsageInvoice = "Usage invoice",
        PrepaidInvoice = "Prepaid invoice",
        InvoiceNumber = "Invoice number",
        Status = "Status",
        Open = "Open",
        PartiallyPaid = "Partially paid",
        Paid = "Paid",
        Overdue = "Overdue",
        Void = "Void",
        TaxId = "Tax ID",
        Email = "Email",
        BillTo = "Bill to",
        CustomerId = "Customer ID",
        Period = "Period",
        IssueDate = "Issue date",
        DueDate = "Due date",
        Currency = "Currency",
        Item = "Item",
        Description = "Description",
        Quantity = "Quantity",
        UnitPrice = "Unit price",
        ServicePeriod = "Service period",
        Amount = "Amount",
        NoCharges = "No charges",
        Usage = "Usage",
        CoveredByPacks = "Covered by prepaid packs",
        CoveredByFreeQuota = "Covered by free quota",
        Subtotal = "Subtotal",
        Discount = "Discount",
        Tax = "Tax",
        Total = "Total",
        AmountPaid = "Paid",
        BalanceDue = "Balance due",
        PaymentInstructions = "Payment instructions",
        Bank = "Bank",
        Account = "Account",
        Reference = "Reference",
        PaymentNote = "Please quote the reference with your bank transfer.",
        Tier = (from, to) => $"Tier {from}–{to}",
        FlatFee = "flat fee",
        PercentageFees = (events, free, rate, fixedFees) => $"{events} transactions, {free} free: {rate} + {fixedFees}",
        Prorated = (active, days) => $"Prorated: {active} of {days} days",
        Qualified = (label, detail) => $"{label} ({detail})",
        PageOf = (page, pages) => $"Page {page} of {pages}",
        LateUsage = (name, period) => $"{name} (late usage, {period})",
        PrepaidPack = (code, quantity, meter) => $"Prepaid pack {code}: {quantity} {meter}",
        Per = (price, size) => $"{price} per {size}",
        Numbers = Grouped(",", "."),
    };

    public static InvoiceLabels SimplifiedChinese { get; } = new()
    {
        HtmlLanguage = "zh-CN",
        Invoice = "发票",
        UsageInvoice = "用量发票",
        PrepaidInvoice = "预付发票",
        InvoiceNumber = "发票号码",
        Status = "状态",
        Open = "待付款",
        PartiallyPaid = "部分已付",
        Paid = "已付清",
        Overdue = "已逾期",
        Void = "已作废",
        TaxId = "税号",
        Email = "电子邮箱",
        BillTo = "账单寄送至",
        CustomerId = "客户编号",
        Period = "账期",
        IssueDate = "开票日期",
        DueDate = "到期日",
        Currency = "币种",
        Item = "项目",
        Description = "说明",
        Quantity = "数量",
        UnitPrice = "单价",
        ServicePeriod = "服务期间",
        Amount = "金额",
        NoCharges = "无费用",
        Usage = "用量",
        CoveredByPacks = "资源包抵扣",
        CoveredByFreeQuota = "免费额度抵扣",
        Subtotal = "小计",
        Discount = "折扣",
        Tax = "税额",
        Total = "合计",
        AmountPaid = "已付",
        BalanceDue = "应付余额",
        PaymentInstructions = "付款方式",
        Bank = "开户银行",
        Account = "账号",
        Reference = "付款备注",
        PaymentNote = "银行转账时请注明付款备注。",
        Tier = (from, to) => $"阶梯 {from}–{to}",
        FlatFee = "固定费",
        PercentageFees = (events, free, rate, fixedFees) => $"{events} 笔交易，{free} 笔免费：{rate} + {fixedFees}",
        Prorated = (active, days) => $"按比例计费：{days} 天中的 {active} 天",
        Qualified = (label, detail) => $"{label}（{detail}）",
        PageOf = (page, pages) => $"第 {page} 页，共 {pages} 页",
        LateUsage = (name, period) => $"{name}（{period} 账期迟到用量）",
        PrepaidPack = (code, quantity, meter) => $"资源包 {code}：{meter} {quantity}",
        Per = (price, size) => $"{price} / {size}",
        Numbers = Grouped(",", "."),
    };

    /// <summary>
    /// Simplified Chinese for <c>zh-CN</c> and the other Simplified Chinese tags (<c>zh</c>, <c>zh-Hans</c>,
    /// <c>zh-SG</c>; case-insensitive); English for every other locale, <c>en</c> included.
    /// </summary>
    public static InvoiceLabels For(string? locale) =>
        locale is not null && (locale.Equals("zh", StringComparison.OrdinalIgnoreCase)
            || locale.StartsWith("zh-CN", StringComparison.OrdinalIgnoreCase)
            || locale.StartsWith("zh-Hans", StringComparison.OrdinalIgnoreCase)
            || locale.StartsWith("zh-SG", StringComparison.OrdinalIgnoreCase))
            ? SimplifiedChinese
            : English;

    /// <summary>The BCP 47 tag written into the HTML <c>lang</c> attribute.</summary>
    public required string HtmlLanguage { get; init; }

    public required string Invoice { get; init; }
    public required string UsageInvoice { get; init; }
    public required string PrepaidInvoice { get; init; }
    public required string InvoiceNumber { get; init; }
    public required string Status { get; init; }
    public required string Open { get; init; }
    public required string PartiallyPaid { get; init; }
    public required string Paid { get; init; }
    public required string Overdue { get; init; }
    public required string Void { get; init; }
    public required string TaxId { get; init; }
    public required string Email { get; init; }
    public required string BillTo { get; init; }
    public required string CustomerId { get; init; }
    public required string Period { get; init; }
    public required string IssueDate { get; init; }
    public required string DueDate { get; init; }
    public required string Currency { get; init; }
    public required string Item { get; init; }
    public required string Description { get; init; }
    public required string Quantity { get; init; }
    public required string UnitPrice { get; init; }
    public required string ServicePeriod { get; init; }
    public required string Amount { get; init; }
    public required string NoCharges { get; init; }
    public required string Usage { get; init; }
    public required string CoveredByPacks { get; init; }
    public required string CoveredByFreeQuota { get; init; }
    public required string Subtotal { get; init; }
    public required string Discount { get; init; }
    public required string Tax { get; init; }
    public required string Total { get; init; }
    public required string AmountPaid { get; init; }
    public required string BalanceDue { get; init; }
    public required string PaymentInstructions { get; init; }
    public required string Bank { get; init; }
    public required string Account { get; init; }
    public required string Reference { get; init; }
    public required string PaymentNote { get; init; }

    /// <summary>A tier slice's range, (from, to].</summary>
    public required Func<string, string, string> Tier { get; init; }

    /// <summary>A tier's flat fee, charged once when the tier is entered.</summary>
    public required string FlatFee { get; init; }

    /// <summary>A percentage charge: events, free events, paying value × rate, paying events × fixed amount.</summary>
    public required Func<int, int, string, string, string> PercentageFees { get; init; }

    /// <summary>Active days of the period's days.</summary>
    public required Func<int, int, string> Prorated { get; init; }

    /// <summary>A label with a detail in parentheses: <c>Tax (13%)</c>.</summary>
    public required Func<string, string, string> Qualified { get; init; }

    public required Func<int, int, string> PageOf { get; init; }

    /// <summary>A late-usage line's description: the charge's name and the period the usage belongs to.</summary>
    public required Func<string, string, string> LateUsage { get; init; }

    /// <summary>A prepaid pack's line: its code, quantity and the meter's name.</summary>
    public required Func<string, string, string, string> PrepaidPack { get; init; }

    /// <summary>A package price: the price per package of the given size.</summary>
    public required Func<string, string, string> Per { get; init; }

    /// <summary>The language's digit grouping and decimal mark for amounts and quantities (<c>1,234,567.89</c>).</summary>
    public required NumberFormatInfo Numbers { get; init; }

    private static NumberFormatInfo Grouped(string group, string decimalMark) => NumberFormatInfo.ReadOnly(new NumberFormatInfo
    {
        NumberGroupSeparator = group,
        NumberDecimalSeparator = decimalMark,
        NumberGroupSizes = [3],
        NegativeSign = "-",
    });

    public string StatusName(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Open => Open,
        InvoiceStatus.PartiallyPaid => PartiallyPaid,
        InvoiceStatus.Paid => Paid,
        InvoiceStatus.Overdue => Overdue,
        InvoiceStatus.Void => Void,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown invoice status"),
    };
}
