namespace Billing.Application.Notices;

/// <summary>The service's emails in Simplified Chinese.</summary>
public sealed class ChineseNoticeTexts : NoticeTexts
{
    public static ChineseNoticeTexts Instance { get; } = new();

    public override string InvoiceSubject(NoticeInvoice invoice) => $"发票 {invoice.Number}：{invoice.Total}";

    public override string InvoiceBody(string customer, NoticeInvoice invoice, NoticePayment payment, string issuer) =>
        $"{customer}，您好：\n\n"
        + $"附件为{For(invoice)}发票 {invoice.Number}，金额 {invoice.Total}，到期日 {invoice.DueDate}。\n"
        + $"应付金额：{invoice.AmountDue}\n\n"
        + Instructions(payment, invoice.Number)
        + $"\n{issuer}\n";

    public override string ReminderSubject(NoticeInvoice invoice, bool overdue) => overdue
        ? $"付款逾期：发票 {invoice.Number}，应付 {invoice.AmountDue}，已于 {invoice.DueDate} 到期"
        : $"付款提醒：发票 {invoice.Number}，应付 {invoice.AmountDue}，到期日 {invoice.DueDate}";

    public override string ReminderBody(string customer, NoticeInvoice invoice, bool overdue, NoticePayment payment, string issuer) =>
        $"{customer}，您好：\n\n"
        + (overdue
            ? $"{For(invoice)}发票 {invoice.Number} 已于 {invoice.DueDate} 到期，尚有 {invoice.AmountDue} 未付。\n"
            : $"{For(invoice)}发票 {invoice.Number} 将于 {invoice.DueDate} 到期，尚有 {invoice.AmountDue} 待付。\n")
        + $"发票金额：{invoice.Total}\n应付金额：{invoice.AmountDue}\n\n"
        + Instructions(payment, invoice.Number)
        + "\n发票见附件。如您已付款，谢谢，请忽略本提醒。\n"
        + $"\n{issuer}\n";

    public override string ThrottleSubject(NoticeInvoice invoice) => $"服务已限速：发票 {invoice.Number} 已逾期";

    public override string ThrottleBody(string customer, NoticeInvoice invoice, string at, NoticePayment payment, string issuer) =>
        $"{customer}，您好：\n\n"
        + $"{For(invoice)}发票 {invoice.Number}（到期日 {invoice.DueDate}）尚未付清，应付 {invoice.AmountDue}。"
        + $"自 {at} 起您的服务已限速；发票付清后即恢复全速服务。\n\n"
        + Instructions(payment, invoice.Number)
        + $"\n{issuer}\n";

    public override string SuspendSubject(NoticeInvoice invoice) => $"服务已暂停：发票 {invoice.Number} 未付";

    public override string SuspendBody(string customer, NoticeInvoice invoice, string at, NoticePayment payment, string issuer) =>
        $"{customer}，您好：\n\n"
        + $"{For(invoice)}发票 {invoice.Number}（到期日 {invoice.DueDate}）尚未付清，应付 {invoice.AmountDue}。"
        + $"自 {at} 起您的服务已暂停，暂停前已备份您的数据。发票付清后即恢复服务。\n\n"
        + Instructions(payment, invoice.Number)
        + $"\n{issuer}\n";

    public override string RestoreSubject() => "服务已恢复";

    public override string RestoreBody(string customer, NoticeInvoice? invoice, string at, string issuer) =>
        $"{customer}，您好：\n\n"
        + (invoice is null ? "感谢您的付款。" : $"感谢您付清{For(invoice)}发票 {invoice.Number}。")
        + $"自 {at} 起您的服务已完全恢复。\n"
        + $"\n{issuer}\n";

    public override string CreditSuspendSubject() => "服务已暂停：超出信用额度";

    public override string CreditSuspendBody(string customer, string at, string issuer) =>
        $"{customer}，您好：\n\n您的未结发票与本账期至今的费用已超出信用额度，自 {at} 起服务已暂停。付款使其回到额度内后即恢复服务。\n\n{issuer}\n";

    public override string CreditRestoreSubject() => "服务已恢复：已回到信用额度内";

    public override string CreditRestoreBody(string customer, string at, string issuer) =>
        $"{customer}，您好：\n\n感谢您的付款：您已回到信用额度内，自 {at} 起服务已恢复。\n\n{issuer}\n";

    public override (string Subject, string Body) CreditWarning(string customer, string at, string issuer) =>
        ("信用额度提醒：已使用超过 80%",
         $"{customer}，您好：\n\n自 {at} 起，您的未结发票与本账期至今的费用已超过信用额度的 80%。超出额度后服务将暂停，付款使其回到额度内后即恢复。\n\n{issuer}\n");

    public override (string Subject, string Body) PackLow(string customer, string pack, string at, string issuer) =>
        ($"资源包 {pack} 余量不足",
         $"{customer}，您好：\n\n自 {at} 起，资源包 {pack} 当前额度的剩余已不足 10%。超出部分将按套餐价格计费。\n\n{issuer}\n");

    public override (string Subject, string Body) PackExpiring(string customer, string pack, string expires, string issuer) =>
        ($"资源包 {pack} 将于 {expires} 到期",
         $"{customer}，您好：\n\n资源包 {pack} 仍有可用余量，将于 {expires} 到期；届时剩余部分将作废（可结转的资源包除外）。\n\n{issuer}\n");

    public override string Instructions(NoticePayment payment, string reference)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return $"付款方式：银行转账\n  开户银行：{payment.Bank}\n  账号：{payment.Account}\n  付款备注：{reference}（转账时请注明）\n";
    }

    private static string For(NoticeInvoice invoice) => invoice.Period is { } period ? $"{period} 账期的" : "预付";
}
