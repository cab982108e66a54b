using System.Globalization;

namespace Billing.Domain.Accounts;

/// <summary>
/// The email addresses the service accepts for customers and account managers: <c>local@domain</c>, at most 254
/// characters once the domain is in ASCII. Included: a dot-atom local part of at most 64 ASCII characters (letters,
/// digits and <c>!#$%&amp;'*+/=?^_`{|}~-</c>, dots between them); a domain of at least two labels of letters, digits and
/// inner hyphens (at most 63 each), the last not all digits. An internationalised domain (<c>例え.jp</c>) is accepted
/// and converted to its ASCII (punycode, IDNA) form, <c>xn--r8jz45g.jp</c>, which is what mail providers take.
/// Excluded: non-ASCII local parts (they need SMTPUTF8, which not every provider offers), quoted local parts,
/// comments, IP-literal domains, display names, and anything with spaces or control characters.
/// </summary>
public static class EmailAddressSyntax
{
    public const int MaxLength = 254;
    public const int MaxLocalPartLength = 64;

    private const string AtomSpecials = "!#$%&'*+/=?^_`{|}~-";
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>
    /// The address in the ASCII form it is sent to (domain in punycode), or null with <paramref name="problem"/>
    /// saying what is wrong, in words an operator can act on.
    /// </summary>
    public static string? Normalize(string? text, out string problem)
    {
        problem = string.Empty;
        if (string.IsNullOrEmpty(text) || text.Length > 4 * MaxLength)
        {
            problem = $"must be an email address of at most {MaxLength} characters";
            return null;
        }

        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1 || text.IndexOf('@', StringComparison.Ordinal) != at)
        {
            problem = "must be an email address such as billing@example.com (one @ between a name and a domain)";
            return null;
        }

        var local = text[..at];
        if (local.Length > MaxLocalPartLength || !IsDotAtom(local))
        {
            problem = $"the part before @ must be at most {MaxLocalPartLength} ASCII letters, digits, dots (not first, last or doubled) or {AtomSpecials}";
            return null;
        }

        var domain = AsciiDomain(text[(at + 1)..]);
        if (domain is null)
        {
            problem = "the domain must be labels of letters, digits and inner hyphens separated by dots, such as example.com (a domain in another script is converted to punycode)";
            return null;
        }

        var address = local + "@" + domain;
        if (address.Length > MaxLength)
        {
            problem = $"must be at most {MaxLength} characters (the domain counted in punycode)";
            return null;
        }

        return address;
    }

    private static bool IsDotAtom(string local) =>
        local[0] != '.' && local[^1] != '.' && !local.Contains("..", StringComparison.Ordinal)
        && local.All(c => char.IsAsciiLetterOrDigit(c) || c == '.' || AtomSpecials.Contains(c, StringComparison.Ordinal));

    /// <summary>The domain in ASCII, or null when it is not a host name.</summary>
    private static string? AsciiDomain(string domain)
    {
        if (domain.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return null;
        }

        string ascii;
        try
        {
            ascii = domain.All(char.IsAscii) ? domain : Idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var labels = ascii.Split('.');
        return labels.Length >= 2
            && labels.All(l => l.Length is > 0 and <= 63 && l[0] != '-' && l[^1] != '-' && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            && !labels[^1].All(char.IsAsciiDigit)
            ? ascii
            : null;
    }
}
