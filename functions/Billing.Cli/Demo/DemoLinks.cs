using System.Globalization;

namespace Billing.Cli.Demo;

/// <summary>
/// The demo's keys and the URLs worth opening, each with the key it needs: one per line as plain console output
/// (not Spectre markup), so no URL is broken across lines by the program.
/// </summary>
internal static class DemoLinks
{
    /// <summary>Printed once the host answers, before the month is played.</summary>
    public static void PrintKeys(int port, DemoKeys keys)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Host: http://127.0.0.1:{port}/api/health (no key needed)"));
        Console.WriteLine($"Admin key of this run (header x-admin-key): {keys.Admin}");
        Console.WriteLine($"Ingest key of this run (header Authorization: Bearer <key>): {keys.Ingest}");
    }

    /// <summary>Printed after the summary: customer routes open with the admin key or that customer's portal key.</summary>
    public static void Print(int port, DemoKeys keys, IReadOnlyDictionary<string, string> portalKeys, string? invoiceNumber)
    {
        var site = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        Console.WriteLine();
        foreach (var (customer, key) in portalKeys)
        {
            Console.WriteLine($"Portal key of {customer} (header Authorization: Bearer <key>, opens only {customer}'s routes): {key}");
        }

        Console.WriteLine("URLs (admin key or acme's portal key):");
        Console.WriteLine($"  {site}/api/customers/acme/invoices");
        if (invoiceNumber is not null)
        {
            Console.WriteLine($"  {site}/api/invoices/{Uri.EscapeDataString(invoiceNumber)}/pdf");
            Console.WriteLine($"  {site}/api/invoices/{Uri.EscapeDataString(invoiceNumber)}/html");
        }

        Console.WriteLine($"  {site}/api/customers/acme/timeline");
        Console.WriteLine($"  {site}/api/customers/acme/usage?meter=api_calls&from=2026-01-01T00:00:00%2B08:00&to=2026-02-01T00:00:00%2B08:00&granularity=day");
        Console.WriteLine("URLs (admin key only):");
        Console.WriteLine($"  {site}/api/manage/customers");
        Console.WriteLine($"  {site}/api/manage/invoices?status=open");
        Console.WriteLine($"  {site}/api/manage/outbox");
        Console.WriteLine("For example:");
        Console.WriteLine($"  curl -H 'x-admin-key: {keys.Admin}' '{site}/api/manage/invoices?status=open'");
    }
}
