using Billing.IngestBenchmark;
using Spectre.Console;

// End-to-end ingestion benchmark, `settle [customers] [events per meter]` for settlement on the simulated clock and
// `cycle [customers] [events per meter] [--batch-size N] [--host-setting Name=Value]` for the settlement cycle orchestration; see docs/benchmarks.md for the figures.
if (args.Length > 0 && args[0] == "settle")
{
    using var stop = new CancellationTokenSource();
    var numbers = args.Skip(1).Where(a => !a.StartsWith('-')).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    var customers = numbers.Count > 0 ? numbers[0] : 1000;
    var perMeter = numbers.Count > 1 ? numbers[1] : 10;
    return await SettlementBenchmark.RunAsync(Math.Clamp(customers, 1, 10_000), Math.Clamp(perMeter, 1, 10), stop.Token);
}

if (args.Length > 0 && args[0] == "cycle")
{
    using var stop = new CancellationTokenSource();
    var numbers = new List<int>();
    var hostSettings = new List<string>();
    var batchSize = 50;
    for (var i = 1; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--batch-size":
                batchSize = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                break;
            case "--host-setting":
                hostSettings.Add(args[++i]);
                break;
            default:
                numbers.Add(int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    AnsiConsole.Profile.Width = 160;
    return await SettlementCycleBenchmark.RunAsync(
        Math.Clamp(numbers.Count > 0 ? numbers[0] : 1000, 1, 10_000), Math.Clamp(numbers.Count > 1 ? numbers[1] : 10, 1, 10), Math.Max(1, batchSize), hostSettings, stop.Token);
}

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
