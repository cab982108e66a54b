using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Billing.Rendering.Tests;

/// <summary>
/// Reads rendered PDFs back with Debian's poppler-utils (<c>pdftotext</c>, <c>pdfinfo</c>). A missing tool
/// fails the test with the package to install: these checks are never skipped.
/// </summary>
internal static partial class PopplerTools
{
    public static string ExtractText(byte[] pdf) => Run("pdftotext", pdf, "-enc UTF-8 {0} -");

    /// <summary>What <c>pdfinfo -isodates</c> prints: title, dates (UTC as <c>Z</c>), page count and so on.</summary>
    public static string Info(byte[] pdf) => Run("pdfinfo", pdf, "-isodates {0}");

    public static int PageCount(byte[] pdf)
    {
        var info = Info(pdf);
        var match = PagesLine().Match(info);
        Assert.True(match.Success, $"pdfinfo printed no page count:\n{info}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string Run(string tool, byte[] pdf, string arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"billing-rendering-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool, string.Format(CultureInfo.InvariantCulture, arguments, $"\"{file}\""))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                UseShellExecute = false,
            };
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
            }
            catch (Win32Exception e)
            {
                Assert.Fail($"{tool} is not installed: install Debian's poppler-utils (apt-get install poppler-utils; .ci/run does). {e.Message}");
                throw;
            }

            using (process)
            {
                var error = process.StandardError.ReadToEndAsync();
                var output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}: {error.Result}");
                // Poppler repairs a damaged file (a wrong cross-reference offset, say) with a warning on stderr: a clean read prints nothing.
                Assert.True(string.IsNullOrWhiteSpace(error.Result), $"{tool} reported: {error.Result}");
                return output;
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();
}
