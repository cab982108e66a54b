using System.Diagnostics;

namespace Billing.Functions.Tests.Settlement;

/// <summary>Text of a PDF as <c>pdftotext</c> (Debian poppler-utils, installed by the test command) extracts it.</summary>
internal static class PdfText
{
    public static string Extract(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, pdf);
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("-layout");
            start.ArgumentList.Add(file);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext could not start; install poppler-utils");
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
