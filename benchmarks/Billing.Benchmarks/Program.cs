using Billing.Benchmarks;
using Spectre.Console;

// Benchmarks of the billing engine; see docs/benchmarks.md for the figures and how they were measured.
//   engine [--customers N] [--months N] [--events-per-month N] [--no-progress] [--generate-only]
if (args.Length == 0 || args[0] != "engine")
{
    AnsiConsole.MarkupLine("usage: [bold]engine[/] [[--customers 1000]] [[--months 12]] [[--events-per-month 1000]] [[--no-progress]] [[--generate-only]]");
    return 2;
}

return EngineCommand.Run(args[1..]);
