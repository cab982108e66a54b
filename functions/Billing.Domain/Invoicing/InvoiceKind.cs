namespace Billing.Domain.Invoicing;

/// <summary>A usage invoice settles one billing period; a prepaid invoice settles one pack purchase.</summary>
public enum InvoiceKind
{
    Usage,
    Prepaid,
}
