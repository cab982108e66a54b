using Billing.Workflows.Scenarios;

namespace Billing.Domain.Tests.Scenarios;

/// <summary>
/// Text shown on one line as it reads: control characters, U+2028/U+2029, bidirectional overrides and isolates and
/// noncharacters are refused; every script, and the left-to-right and right-to-left marks, are accepted.
/// </summary>
public sealed class PlainTextTests
{
    [Theory]
    [InlineData("Data transfer out")]
    [InlineData("GB")]
    [InlineData("数据传输")]
    [InlineData("שלום")]
    [InlineData("a\u200Fb\u200E")]
    [InlineData("emoji \U0001F600")]
    public void Text_of_any_script_is_plain(string text) => Assert.True(PlainText.IsPlain(text));

    [Theory]
    [InlineData("a\nb")]
    [InlineData("a\tb")]
    [InlineData("m\u0000x")]
    [InlineData("a\u0085b")]
    [InlineData("a\u2028b")]
    [InlineData("a\u2029b")]
    [InlineData("a\u202Ab")]
    [InlineData("invoice\u202Efdp.exe")]
    [InlineData("a\u2066b")]
    [InlineData("a\u2069b")]
    [InlineData("a\uFDD0b")]
    [InlineData("a\uFFFEb")]
    [InlineData("a\uFFFF")]
    [InlineData("a\U0001FFFEb")]
    [InlineData("a\U0010FFFF")]
    public void Controls_separators_bidi_overrides_and_noncharacters_are_not(string text) => Assert.False(PlainText.IsPlain(text));

    [Fact]
    public void An_unpaired_surrogate_is_not_plain() => Assert.False(PlainText.IsPlain("a" + '\uD800' + "b"));
}
