namespace Billing.Domain.Money;

/// <summary>
/// An amount of one currency. Arithmetic between different currencies throws.
/// Values are not rounded implicitly: callers round at the points the billing
/// rules name (each charge line, the discount, the tax) with <see cref="Rounded"/>.
/// </summary>
public readonly record struct Money(decimal Amount, Currency Currency) : IComparable<Money>
{
    public static Money Zero(Currency currency) => new(0m, currency);

    /// <summary>This amount rounded to the currency's minor unit, midpoint away from zero.</summary>
    public Money Rounded() => this with { Amount = Currency.Round(Amount) };

    public bool IsZero => Amount == 0m;

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount, Same(left, right));

    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount, Same(left, right));

    public static Money operator *(Money money, decimal factor) => new(money.Amount * factor, money.Currency);

    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    public static Money Min(Money left, Money right) => left <= right ? left : right;

    public static Money Max(Money left, Money right) => left >= right ? left : right;

    public int CompareTo(Money other)
    {
        _ = Same(this, other);
        return Amount.CompareTo(other.Amount);
    }

    /// <summary>The amount with the currency's number of decimals, e.g. <c>1211.01</c> or <c>500</c> for JPY.</summary>
    public override string ToString() => Currency.Format(Amount);

    private static Currency Same(Money left, Money right) =>
        left.Currency == right.Currency
            ? left.Currency
            : throw new InvalidOperationException($"cannot combine {left.Currency} and {right.Currency}");
}
