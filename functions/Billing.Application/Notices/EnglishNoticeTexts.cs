namespace Billing.Application.Notices;

/// <summary>The service's emails in English.</summary>
public sealed class EnglishNoticeTexts : NoticeTexts
{
    public static EnglishNoticeTexts Instance { get; } = new();

    public override string InvoiceSubject(NoticeInvoice invoice) => $"Invoice {invoice.Number}: {invoice.Total}";

    public override string InvoiceBody(string customer, NoticeInvoice invoice, NoticePayment payment, string issuer) =>
        $"Dear {customer},\n\n"
        + $"Please find attached invoice {invoice.Number}{For(invoice)}: {invoice.Total}, due on {invoice.DueDate}.\n"
        + $"Amount due: {invoice.AmountDue}\n\n"
        + Instructions(payment, invoice.Number)
        + $"\n{issuer}\n";

    public override string ReminderSubject(NoticeInvoice invoice, bool overdue) => overdue
        ? $"Payment overdue: invoice {invoice.Number}, {invoice.AmountDue} was due on {invoice.DueDate}"
        : $"Payment reminder: invoice {invoice.Number}, {invoice.AmountDue} due on {invoice.DueDate}";

    public override string ReminderBody(string customer, NoticeInvoice invoice, bool overdue, NoticePayment payment, string issuer) =>
        $"Dear {customer},\n\n"
        + (overdue
            ? $"Invoice {invoice.Number}{For(invoice)} was due on {invoice.DueDate} and {invoice.AmountDue} of it is still unpaid.\n"
            : $"Invoice {invoice.Number}{For(invoice)} is due on {invoice.DueDate}; {invoice.AmountDue} of it is still to pay.\n")
        + $"Invoice total: {invoice.Total}\nAmount due: {invoice.AmountDue}\n\n"
        + Instructions(payment, invoice.Number)
        + "\nThe invoice is attached. If you have paid already, thank you, and please disregard this reminder.\n"
        + $"\n{issuer}\n";

    public override string ThrottleSubject(NoticeInvoice invoice) => $"Service throttled: invoice {invoice.Number} is overdue";

    public override string ThrottleBody(string customer, NoticeInvoice invoice, string at, NoticePayment payment, string issuer) =>
        $"Dear {customer},\n\n"
        + $"Invoice {invoice.Number}{For(invoice)}, due on {invoice.DueDate}, is unpaid: {invoice.AmountDue} is due. "
        + $"Your service has been throttled since {at}; it returns to full service once the invoice is paid.\n\n"
        + Instructions(payment, invoice.Number)
        + $"\n{issuer}\n";

    public override string SuspendSubject(NoticeInvoice invoice) => $"Service suspended: invoice {invoice.Number} is unpaid";

    public override string SuspendBody(string customer, NoticeInvoice invoice, string at, NoticePayment payment, string issuer) =>
        $"Dear {customer},\n\n"
        + $"Invoice {invoice.Number}{For(invoice)}, due on {invoice.DueDate}, is unpaid: {invoice.AmountDue} is due. "
        + $"Your service has been suspended since {at}; your data was backed up first. The service is restored once the invoice is paid.\n\n"
        + Instructions(payment, invoice.Number)
        + $"\n{issuer}\n";

    public override string RestoreSubject() => "Service restored";

    public override string RestoreBody(string customer, NoticeInvoice? invoice, string at, string issuer) =>
        $"Dear {customer},\n\n"
        + (invoice is null ? "Thank you for your payment. " : $"Thank you for paying invoice {invoice.Number}{For(invoice)}. ")
        + $"Your service has been fully restored since {at}.\n"
        + $"\n{issuer}\n";

    public override string CreditSuspendSubject() => "Service suspended: credit limit exceeded";

    public override string CreditSuspendBody(string customer, string at, string issuer) =>
        $"Dear {customer},\n\nYour open invoices and this period's charges so far exceed your credit limit, so your service has been suspended since {at}. "
        + $"A payment that brings you back within the limit restores it.\n\n{issuer}\n";

    public override string CreditRestoreSubject() => "Service restored: back within your credit limit";

    public override string CreditRestoreBody(string customer, string at, string issuer) =>
        $"Dear {customer},\n\nThank you for your payment: you are back within your credit limit, and your service has been restored since {at}.\n\n{issuer}\n";

    public override (string Subject, string Body) CreditWarning(string customer, string at, string issuer) =>
        ("Credit warning: over 80% of your credit limit used",
         $"Dear {customer},\n\nSince {at}, your open invoices and this period's charges so far are above 80% of your credit limit. "
         + $"Above the limit, the service is suspended until a payment brings you back within it.\n\n{issuer}\n");

    public override (string Subject, string Body) PackLow(string customer, string pack, string at, string issuer) =>
        ($"Prepaid pack {pack} is running low",
         $"Dear {customer},\n\nSince {at}, less than 10% of prepaid pack {pack}'s current allocation is left. "
         + $"Usage beyond it is billed at the plan's prices.\n\n{issuer}\n");

    public override (string Subject, string Body) PackExpiring(string customer, string pack, string expires, string issuer) =>
        ($"Prepaid pack {pack} expires on {expires}",
         $"Dear {customer},\n\nPrepaid pack {pack} still has a usable balance and expires on {expires}; what is left then is forfeited "
         + $"unless the pack carries it over.\n\n{issuer}\n");

    public override string Instructions(NoticePayment payment, string reference)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return $"How to pay: bank transfer to\n  Bank: {payment.Bank}\n  Account: {payment.Account}\n  Reference: {reference} (please quote it with your transfer)\n";
    }

    private static string For(NoticeInvoice invoice) => invoice.Period is { } period ? $" for {period}" : string.Empty;
}
