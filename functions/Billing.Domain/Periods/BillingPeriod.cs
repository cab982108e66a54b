using System.Globalization;

namespace Billing.Domain.Periods;

/// <summary>
/// One calendar period in a time zone: the half-open interval [<see cref="Start"/>, <see cref="End"/>),
/// starting at local midnight of the 1st. <see cref="Index"/> is the month (1-12) or the quarter (1-4).
/// </summary>
public sealed record BillingPeriod(PeriodUnit Unit, int Year, int Index, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary><c>YYYY-MM</c> for a month, <c>YYYY-Qn</c> for a quarter.</summary>
    public string Name => Unit == PeriodUnit.Month
        ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Index:D2}")
        : string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Index}");

    /// <summary>True when the instant is at or after <see cref="Start"/> and before <see cref="End"/>.</summary>
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public override string ToString() => Name;
}
