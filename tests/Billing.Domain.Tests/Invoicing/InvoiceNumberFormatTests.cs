using Billing.Domain.Invoicing;

namespace Billing.Domain.Tests.Invoicing;

public sealed class InvoiceNumberFormatTests
{
    [Theory]
    [InlineData("INV-{yyyy}-{seq:000000}", 2026, 42, "INV-2026-000042")]
    [InlineData("{yy}{seq:0000}", 2026, 7, "260007")]
    [InlineData("BF/{yyyy}/{seq}", 2027, 1234567, "BF/2027/1234567")]
    public void Pattern_places_year_and_sequence(string pattern, int year, long sequence, string expected) =>
        Assert.Equal(expected, new InvoiceNumberFormat(pattern).Format(year, sequence));

    [Fact]
    public void A_pattern_without_a_sequence_is_not_valid()
    {
        Assert.False(new InvoiceNumberFormat("INV-{yyyy}").IsValid);
        Assert.True(InvoiceNumberFormat.Default.IsValid);
    }
}
