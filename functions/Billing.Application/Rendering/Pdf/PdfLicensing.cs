using PdfSharp;

namespace Billing.Application.Rendering;

/// <summary>
/// Chooses PDFsharp's license once per process; PDFsharp refuses to write PDFs until one is chosen.
/// Without a key the library is used under the AGPL-3.0 (the project's own license); with a key
/// (configuration <c>Pdf:LicenseKey</c>) under the commercial license that key stands for.
/// </summary>
public static class PdfLicensing
{
    private static readonly Lock Gate = new();
    private static string? appliedKey;
    private static bool applied;

    /// <summary>True once <see cref="Apply"/> has succeeded in this process.</summary>
    public static bool IsApplied
    {
        get
        {
            lock (Gate)
            {
                return applied;
            }
        }
    }

    /// <summary>
    /// Loads the commercial license <paramref name="key"/>, or sets the AGPL license when the key is null or
    /// blank. Safe to call from any thread and any number of times with the same key; a call with a different
    /// choice than the one already applied throws, since a process runs under one license.
    /// </summary>
    /// <exception cref="InvalidOperationException">A different license was applied earlier in this process.</exception>
    public static void Apply(string? key)
    {
        var chosen = string.IsNullOrWhiteSpace(key) ? null : key.Trim();
        lock (Gate)
        {
            if (applied)
            {
                if (!string.Equals(appliedKey, chosen, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"PDFsharp already runs under the {Describe(appliedKey)} in this process; it cannot switch to the {Describe(chosen)}.");
                }

                return;
            }

            if (chosen is null)
            {
                PdfSharpLicense.SetAgplLicense();
            }
            else
            {
                PdfSharpLicense.LoadLicense(chosen);
            }

            appliedKey = chosen;
            applied = true;
        }
    }

    /// <summary>Throws a message that says what to call, instead of PDFsharp's own, when no license was applied.</summary>
    internal static void EnsureApplied()
    {
        if (!IsApplied)
        {
            throw new InvalidOperationException(
                "No PDFsharp license was chosen: call PdfLicensing.Apply(configuration[\"Pdf:LicenseKey\"]) at start-up (a null key selects the AGPL license).");
        }
    }

    private static string Describe(string? key) => key is null ? "AGPL license" : "commercial license key";
}
