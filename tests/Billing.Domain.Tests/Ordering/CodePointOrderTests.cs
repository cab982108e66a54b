using Billing.Domain.Ordering;

namespace Billing.Domain.Tests.Ordering;

/// <summary>Ids compare by Unicode code point wherever ties are broken by id (not by UTF-16 unit).</summary>
public sealed class CodePointOrderTests
{
    [Theory]
    [InlineData("a", "b", -1)]
    [InlineData("b", "a", 1)]
    [InlineData("a", "a", 0)]
    [InlineData("a", "ab", -1)]
    [InlineData("B", "a", -1)]                          // no culture: upper case before lower case
    [InlineData("\uFF5E", "\U0001F600", -1)]            // U+FF5E before U+1F600 (UTF-16 order says after)
    [InlineData("\U0001F600", "\uFF5E", 1)]
    [InlineData("\uE000", "\U00010000", -1)]            // the first private-use BMP character before the first supplementary one
    [InlineData("x\uFFFF", "x\U00010000", -1)]
    [InlineData("\U0001F600", "\U0001F601", -1)]        // same high surrogate: the low one decides
    [InlineData("\U0001F600", "\U0002F600", -1)]        // different high surrogates
    [InlineData("\uD7FF", "\U00010000", -1)]            // below the surrogates either way
    [InlineData("\U0001F600", "\U0001F600a", -1)]
    public void Ids_compare_by_code_point(string x, string y, int expected)
    {
        Assert.Equal(expected, Math.Sign(CodePointOrder.Instance.Compare(x, y)));
    }

    [Fact]
    public void Sorting_by_code_point_agrees_with_sorting_the_code_points()
    {
        string[] ids = ["\U0001F600", "\uFF5E", "a", "\uE000", "\U00010000", "Z", "\uFFFD", "\U0010FFFF", "~"];

        var sorted = ids.Order(CodePointOrder.Instance).ToList();
        var byCodePoints = ids.OrderBy(s => s.EnumerateRunes().Select(r => r.Value).ToArray(), Comparer<int[]>.Create(CompareSequences)).ToList();

        Assert.Equal(byCodePoints, sorted);
        Assert.Equal(["Z", "a", "~", "\uE000", "\uFF5E", "\uFFFD", "\U00010000", "\U0001F600", "\U0010FFFF"], sorted);
    }

    [Fact]
    public void Null_comes_before_any_id()
    {
        Assert.True(CodePointOrder.Instance.Compare(null, string.Empty) < 0);
        Assert.True(CodePointOrder.Instance.Compare("a", null) > 0);
        Assert.Equal(0, CodePointOrder.Instance.Compare(null, null));
    }

    private static int CompareSequences(int[] x, int[] y)
    {
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            if (x[i] != y[i])
            {
                return x[i].CompareTo(y[i]);
            }
        }

        return x.Length.CompareTo(y.Length);
    }
}
