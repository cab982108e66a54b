using Billing.IngestBenchmark;
using Spectre.Console;

// End-to-end ingestion benchmark; see docs/benchmarks.md ("Ingestion") for the figures and how they were measured.
var options = BenchmarkOptions.Parse(args, out var problem);
if (options is null)
{
    await Console.Error.WriteLineAsync(problem);
    await Console.Error.WriteLineAsync(BenchmarkOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

if (!AnsiConsole.Profile.Capabilities.Interactive)
{
    // Redirected (a log, a CI step): no live progress, and a table wide enough to keep its rows on one line.
    options = options with { Progress = false };
    AnsiConsole.Profile.Width = 160;
    AnsiConsole.Profile.Capabilities.Ansi = false;
}

return await IngestBenchmark.RunAsync(options, cancel.Token);
