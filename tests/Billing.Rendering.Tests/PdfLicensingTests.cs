using Billing.Application.Rendering;

namespace Billing.Rendering.Tests;

public sealed class PdfLicensingTests
{
    [Fact]
    public void Applying_the_AGPL_license_again_and_from_many_threads_is_harmless()
    {
        Parallel.For(0, 16, _ => PdfLicensing.Apply(null));
        PdfLicensing.Apply("  ");

        Assert.True(PdfLicensing.IsApplied);
    }

    [Fact]
    public void A_process_under_the_AGPL_license_refuses_to_switch_to_a_commercial_key()
    {
        PdfLicensing.Apply(null);

        Assert.Throws<InvalidOperationException>(() => PdfLicensing.Apply("commercial-key"));
    }
}
