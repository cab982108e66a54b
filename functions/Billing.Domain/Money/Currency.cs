namespace Billing.Domain.Money;

/// <summary>
/// An ISO 4217 currency and the number of decimal places its smallest unit has
/// (JPY, KRW: 0; CNY, USD, EUR and most others: 2; BHD, KWD, JOD, OMR, TND: 3).
/// </summary>
public readonly record struct Currency
{
    private static readonly Dictionary<string, int> NonDefaultMinorUnits = new(StringComparer.Ordinal)
    {
        ["JPY"] = 0, ["KRW"] = 0, ["VND"] = 0, ["CLP"] = 0, ["ISK"] = 0, ["UGX"] = 0, ["XAF"] = 0, ["XOF"] = 0,
        ["BHD"] = 3, ["KWD"] = 3, ["JOD"] = 3, ["OMR"] = 3, ["TND"] = 3, ["IQD"] = 3, ["LYD"] = 3,
    };

    private Currency(string code, int minorUnits)
    {
        Code = code;
        MinorUnits = minorUnits;
    }

    /// <summary>Three upper-case letters, e.g. <c>CNY</c>.</summary>
    public string Code { get; }

    /// <summary>Decimal places of the minor unit; amounts are rounded to this many places.</summary>
    public int MinorUnits { get; }

    /// <summary>The currency with this ISO code; null when the code is not three upper-case letters.</summary>
    public static Currency? TryOf(string? code)
    {
        if (code is null || code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
        {
            return null;
        }

        return new Currency(code, NonDefaultMinorUnits.GetValueOrDefault(code, 2));
    }

    /// <summary>The currency with this ISO code.</summary>
    /// <exception cref="ArgumentException">The code is not three upper-case letters.</exception>
    public static Currency Of(string code) =>
        TryOf(code) ?? throw new ArgumentException($"'{code}' is not an ISO 4217 currency code", nameof(code));

    /// <summary>
    /// The project's one rounding policy: to the minor unit, midpoint away from zero
    /// (0.005 CNY becomes 0.01; 0.5 JPY becomes 1).
    /// </summary>
    public decimal Round(decimal amount) => Math.Round(amount, MinorUnits, MidpointRounding.AwayFromZero);

    /// <summary>
    /// True when the amount needs no more decimal places than the minor unit has (<c>1.005</c> CNY does not;
    /// <c>1.000</c> does, trailing zeros being no precision). Amounts from outside that fail this are refused, never rounded.
    /// </summary>
    public bool HoldsExactly(decimal amount) => Math.Round(amount, MinorUnits) == amount;

    /// <summary>The amount with exactly <see cref="MinorUnits"/> decimal places, for display and JSON.</summary>
    public string Format(decimal amount) =>
        Round(amount).ToString("F" + MinorUnits.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => Code;
}
