using System.Diagnostics;
using System.Globalization;
using Billing.Benchmarks.Workload;
using Billing.Workflows.Scenarios;
using Billing.Workflows.Simulation;
using Spectre.Console;

namespace Billing.Benchmarks;

/// <summary>
/// Plays a generated workload through <see cref="BillingSimulation"/> in memory and reports events rated
/// per second and memory: peak working set of the process, bytes allocated, and the largest GC heap seen
/// by sampling every 100 ms. Events are generated lazily, so their generation is part of the measured time.
/// </summary>
internal static class EngineCommand
{
    public static int Run(string[] args)
    {
        if (!TryParse(args, out var shape, out var progress, out var generateOnly))
        {
            return 2;
        }

        AnsiConsole.MarkupLine($"Workload: [bold]{shape.Customers:N0}[/] customers × [bold]{shape.Months}[/] months × [bold]{shape.EventsPerCustomerPerMonth:N0}[/] events = [bold]{shape.TotalEvents:N0}[/] events");
        var input = ScenarioReader.Read(WorkloadScenario.Json(shape));
        var stream = new EventStream(shape, input.Catalog.TimeZone);
        input = input with { EventsInArrivalOrder = stream };

        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var peakHeap = 0L;
        var clock = Stopwatch.StartNew();
        var run = Task.Run(() => generateOnly ? Generate(stream) : new BillingSimulation(input).Run());
        if (progress)
        {
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("rating events", maxValue: shape.TotalEvents);
                    while (!run.Wait(100))
                    {
                        peakHeap = Math.Max(peakHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
                        task.Value = stream.Produced;
                    }

                    task.Value = shape.TotalEvents;
                });
        }
        else
        {
            while (!run.Wait(100))
            {
                peakHeap = Math.Max(peakHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
            }
        }

        var outcome = run.GetAwaiter().GetResult();
        clock.Stop();
        var memory = GC.GetGCMemoryInfo(GCKind.Any);
        peakHeap = Math.Max(peakHeap, memory.HeapSizeBytes);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        using var process = Process.GetCurrentProcess();
        var seconds = clock.Elapsed.TotalSeconds;

        var table = new Table().AddColumn("Measure").AddColumn(new TableColumn("Value").RightAligned());
        table.AddRow("Events generated", shape.TotalEvents.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Events rated (metered)", outcome.EventsMetered.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Rejected", outcome.RejectedEvents.Count.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Invoices", outcome.Invoices.Count.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Timeline entries", outcome.Timeline.Count.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("Elapsed", $"{seconds:F2} s");
        table.AddRow("[bold]Events rated per second[/]", $"[bold]{outcome.EventsMetered / seconds:N0}[/]");
        table.AddRow("[bold]Peak working set[/]", $"[bold]{Mib(process.PeakWorkingSet64)}[/]");
        table.AddRow("Peak GC heap (sampled)", Mib(peakHeap));
        table.AddRow("Allocated", Mib(allocated));
        table.AddRow("Allocated per event", $"{allocated / Math.Max(1, shape.TotalEvents):N0} B");
        table.AddRow("GC count gen0/1/2", $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        table.AddRow("GC pause total", $"{GC.GetTotalPauseDuration().TotalSeconds:F2} s");
        AnsiConsole.Write(table);
        return 0;
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):N0} MiB");

    /// <summary>Only makes the events (the cost the workload itself adds to every measurement).</summary>
    private static SimulationOutcome Generate(EventStream stream)
    {
        var count = 0L;
        foreach (var usage in stream)
        {
            count += usage.Id.Length > 0 ? 1 : 0;
        }

        return new SimulationOutcome([], [], new Dictionary<string, decimal>(), [], [], new Dictionary<string, Billing.Domain.Accounts.BillingAccount>(), count);
    }

    private static bool TryParse(string[] args, out WorkloadShape shape, out bool progress, out bool generateOnly)
    {
        shape = new WorkloadShape();
        progress = !Console.IsOutputRedirected;
        generateOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--no-progress" or "--generate-only")
            {
                progress &= args[i] != "--no-progress";
                generateOnly |= args[i] == "--generate-only";
                continue;
            }

            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(args[i])} needs a positive whole number[/]");
                return false;
            }

            switch (args[i++])
            {
                case "--customers":
                    shape = shape with { Customers = value };
                    break;
                case "--months":
                    shape = shape with { Months = value };
                    break;
                case "--events-per-month":
                    shape = shape with { EventsPerCustomerPerMonth = value };
                    break;
                default:
                    AnsiConsole.MarkupLine($"[red]unknown option {Markup.Escape(args[i - 1])}[/]");
                    return false;
            }
        }

        return true;
    }
}
