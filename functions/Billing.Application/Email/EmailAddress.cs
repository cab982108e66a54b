namespace Billing.Application.Email;

/// <summary>
/// A mailbox: an ASCII address (<c>local@domain</c>; internationalised addresses are not supported) and an optional
/// display name in any script (encoded on the wire when it is not ASCII).
/// </summary>
public sealed record EmailAddress(string Address, string? DisplayName = null)
{
    /// <summary>The address's domain, the part after the last <c>@</c>.</summary>
    public string Domain => Address[(Address.LastIndexOf('@') + 1)..];

    /// <summary>True for one <c>@</c> between a non-empty local part and domain, printable ASCII without spaces, quotes, angle brackets or commas.</summary>
    public static bool IsValid(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > 320)
        {
            return false;
        }

        int at = address.LastIndexOf('@');
        return at > 0 && at < address.Length - 1 && address.IndexOf('@', StringComparison.Ordinal) == at
            && address.All(c => c is > ' ' and < '\u007f' and not ('<' or '>' or '"' or ',' or '(' or ')' or ';' or '\\'));
    }

    internal void Validate(string field)
    {
        if (!IsValid(Address))
        {
            throw new ArgumentException($"{field}: '{Address}' is not a plain ASCII email address.", field);
        }

        if (DisplayName is not null && DisplayName.Any(char.IsControl))
        {
            throw new ArgumentException($"{field}: the display name must not contain control characters.", field);
        }
    }
}
