using Billing.Domain.Accounts;

namespace Billing.Domain.Tests.Accounts;

/// <summary>
/// Customer email addresses: one ASCII dot-atom local part and a host name, at most 254 characters; a domain in
/// another script is converted to punycode; everything a mail header or provider would misread is refused.
/// </summary>
public sealed class EmailAddressSyntaxTests
{
    [Theory]
    [InlineData("billing@acme.test", "billing@acme.test")]
    [InlineData("first.last+tag@sub.acme.example", "first.last+tag@sub.acme.example")]
    [InlineData("o'brien@acme.test", "o'brien@acme.test")]
    [InlineData("BILLING@ACME.TEST", "BILLING@ACME.TEST")]
    [InlineData("billing@例え.jp", "billing@xn--r8jz45g.jp")]
    [InlineData("billing@bücher.example", "billing@xn--bcher-kva.example")]
    [InlineData("billing@xn--bcher-kva.example", "billing@xn--bcher-kva.example")]
    public void An_address_is_accepted_in_the_ascii_form_it_is_sent_to(string text, string sent) =>
        Assert.Equal(sent, EmailAddressSyntax.Normalize(text, out _));

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("@acme.test")]
    [InlineData("billing@")]
    [InlineData("billing@localhost")]
    [InlineData("billing@acme.123")]
    [InlineData("billing@-acme.test")]
    [InlineData("billing@acme..test")]
    [InlineData("a@b@acme.test")]
    [InlineData(".billing@acme.test")]
    [InlineData("bill..ing@acme.test")]
    [InlineData("billing @acme.test")]
    [InlineData("billing@acme.test\r\nBcc: everyone@victim.test")]
    [InlineData("billing@acme.test, other@victim.test")]
    [InlineData("Billing <billing@acme.test>")]
    [InlineData("\"quoted\"@acme.test")]
    [InlineData("用户@acme.test")]
    [InlineData("billing@[192.0.2.1]")]
    public void Anything_else_is_refused_with_a_reason(string text)
    {
        Assert.Null(EmailAddressSyntax.Normalize(text, out var problem));
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void Lengths_are_bounded_by_the_local_part_and_the_whole_address()
    {
        Assert.NotNull(EmailAddressSyntax.Normalize(new string('a', 64) + "@acme.test", out _));
        Assert.Null(EmailAddressSyntax.Normalize(new string('a', 65) + "@acme.test", out _));
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 60), 4)) + ".test";
        Assert.Null(EmailAddressSyntax.Normalize("billing@" + domain, out var problem));
        Assert.Contains("254", problem, StringComparison.Ordinal);
    }
}
