namespace Billing.Application.Notices;

/// <summary>
/// The words of the emails the service sends, in one language, whole: subject and plain-text body. Every figure comes in
/// formatted (<see cref="NoticeInvoice"/>, local times from <see cref="LocalTimes"/>), so a text only places it.
/// </summary>
public abstract class NoticeTexts
{
    /// <summary>Simplified Chinese for <c>zh-CN</c> (and <c>zh</c>, <c>zh-Hans</c>, <c>zh-SG</c>), English otherwise.</summary>
    public static NoticeTexts For(string? locale) =>
        Rendering.InvoiceLabels.For(locale) == Rendering.InvoiceLabels.SimplifiedChinese ? ChineseNoticeTexts.Instance : EnglishNoticeTexts.Instance;

    public abstract string InvoiceSubject(NoticeInvoice invoice);

    public abstract string InvoiceBody(string customer, NoticeInvoice invoice, NoticePayment payment, string issuer);

    /// <summary>A dunning reminder; <paramref name="overdue"/> once the due date has passed.</summary>
    public abstract string ReminderSubject(NoticeInvoice invoice, bool overdue);

    public abstract string ReminderBody(string customer, NoticeInvoice invoice, bool overdue, NoticePayment payment, string issuer);

    public abstract string ThrottleSubject(NoticeInvoice invoice);

    public abstract string ThrottleBody(string customer, NoticeInvoice invoice, string at, NoticePayment payment, string issuer);

    public abstract string SuspendSubject(NoticeInvoice invoice);

    public abstract string SuspendBody(string customer, NoticeInvoice invoice, string at, NoticePayment payment, string issuer);

    public abstract string RestoreSubject();

    /// <summary>Service restored at <paramref name="at"/> after the invoice was paid (null when the invoice is not known).</summary>
    public abstract string RestoreBody(string customer, NoticeInvoice? invoice, string at, string issuer);

    public abstract string CreditSuspendSubject();

    public abstract string CreditSuspendBody(string customer, string at, string issuer);

    public abstract string CreditRestoreSubject();

    public abstract string CreditRestoreBody(string customer, string at, string issuer);

    /// <summary>Open invoices and this period's charges passed 80 % of the credit limit at <paramref name="at"/>.</summary>
    public abstract (string Subject, string Body) CreditWarning(string customer, string at, string issuer);

    /// <summary>A prepaid pack's usable balance fell below 10 % of its allocation at <paramref name="at"/>.</summary>
    public abstract (string Subject, string Body) PackLow(string customer, string pack, string at, string issuer);

    /// <summary>A prepaid pack with a usable balance expires at <paramref name="expires"/>.</summary>
    public abstract (string Subject, string Body) PackExpiring(string customer, string pack, string expires, string issuer);

    /// <summary>The payment-instructions block: bank, account and the invoice number as the reference.</summary>
    public abstract string Instructions(NoticePayment payment, string reference);
}
