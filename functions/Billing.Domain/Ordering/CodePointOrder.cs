namespace Billing.Domain.Ordering;

/// <summary>
/// The order of ids and codes wherever the billing rules break a tie by id: by Unicode code point,
/// as the scenario format requires. Included: every character, case-sensitive, no culture. It differs
/// from ordinal UTF-16 order only for characters outside the Basic Multilingual Plane, which sort after
/// every BMP character (U+1F600 after U+FF5E) instead of among U+D800..U+DFFF. An unpaired surrogate
/// (not a code point of any valid text) sorts with the supplementary characters.
/// </summary>
public sealed class CodePointOrder : IComparer<string>
{
    private CodePointOrder()
    {
    }

    /// <summary>The one instance.</summary>
    public static CodePointOrder Instance { get; } = new();

    /// <summary>Negative when <paramref name="x"/> comes first; null comes before any string.</summary>
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        return y is null ? 1 : Compare(x.AsSpan(), y.AsSpan());
    }

    /// <summary>Negative when <paramref name="x"/> comes first.</summary>
    public static int Compare(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        var common = x.CommonPrefixLength(y);
        return common == x.Length || common == y.Length ? x.Length - y.Length : Weight(x[common]) - Weight(y[common]);
    }

    /// <summary>
    /// A UTF-16 unit's place in code point order at the first unit where two strings differ: surrogates
    /// (U+D800..U+DFFF) move above U+E000..U+FFFF, since they encode code points from U+10000 on.
    /// </summary>
    private static int Weight(char c) => c switch
    {
        >= '\uE000' => c - 0x800,
        >= '\uD800' => c + 0x2000,
        _ => c,
    };
}
