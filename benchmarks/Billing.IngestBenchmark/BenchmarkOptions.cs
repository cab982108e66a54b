using System.Globalization;

namespace Billing.IngestBenchmark;

/// <summary>The command line: workload shape, client concurrency, reference sizes. Counts are bounded.</summary>
internal sealed record BenchmarkOptions
{
    public int Events { get; init; } = 200_000;

    public int Customers { get; init; } = 20;

    public int BatchSize { get; init; } = 1_000;

    public int Clients { get; init; } = 8;

    public int Shards { get; init; } = 4;

    /// <summary>Entities written by reference (a), in transactions of 100.</summary>
    public int ReferenceEntities { get; init; } = 50_000;

    /// <summary>Single-entity inserts made by reference (b).</summary>
    public int NaiveInserts { get; init; } = 5_000;

    /// <summary>Give up waiting for the aggregates after this long.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Extra host settings (<c>--host-setting Name=Value</c>), for trying queue options.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> HostSettings { get; init; } = [];

    public bool Progress { get; init; } = true;

    /// <summary>After the run, post every body once more (all repeats) and time their metering (<c>--repeat</c>).</summary>
    public bool Repeat { get; init; }

    /// <summary>Every batch spread over all customers (<c>--mixed</c>) instead of one customer per batch.</summary>
    public bool Mixed { get; init; }

    public int Batches => (Events + BatchSize - 1) / BatchSize;

    public const string Usage =
        "usage: dotnet run -c Release --project benchmarks/Billing.IngestBenchmark -- [--events 200000] [--customers 20] [--batch-size 1000] "
        + "[--clients 8] [--shards 4] [--reference-entities 50000] [--naive-inserts 5000] [--timeout-seconds 600] [--host-setting Name=Value]... [--mixed] [--repeat] [--no-progress]";

    public static BenchmarkOptions? Parse(string[] args, out string? problem)
    {
        var options = new BenchmarkOptions();
        var settings = new List<KeyValuePair<string, string>>();
        problem = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--no-progress")
            {
                options = options with { Progress = false };
                continue;
            }

            if (name == "--mixed")
            {
                options = options with { Mixed = true };
                continue;
            }

            if (name == "--repeat")
            {
                options = options with { Repeat = true };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                problem = $"{name} needs a value";
                return null;
            }

            var value = args[++i];
            if (name == "--host-setting")
            {
                var eq = value.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    problem = "--host-setting takes Name=Value";
                    return null;
                }

                settings.Add(new(value[..eq], value[(eq + 1)..]));
                continue;
            }

            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number <= 0)
            {
                problem = $"{name} takes a positive whole number, not '{value}'";
                return null;
            }

            options = name switch
            {
                "--events" => options with { Events = Bounded(name, number, 1_000_000, ref problem) },
                "--customers" => options with { Customers = Bounded(name, number, 1_000, ref problem) },
                "--batch-size" => options with { BatchSize = Bounded(name, number, 1_000, ref problem) },
                "--clients" => options with { Clients = Bounded(name, number, 64, ref problem) },
                "--shards" => options with { Shards = Bounded(name, number, 64, ref problem) },
                "--reference-entities" => options with { ReferenceEntities = Bounded(name, number, 500_000, ref problem) },
                "--naive-inserts" => options with { NaiveInserts = Bounded(name, number, 100_000, ref problem) },
                "--timeout-seconds" => options with { Timeout = TimeSpan.FromSeconds(Bounded(name, number, 3_600, ref problem)) },
                _ => Unknown(name, options, ref problem),
            };
            if (problem is not null)
            {
                return null;
            }
        }

        return options with { HostSettings = settings };
    }

    private static int Bounded(string name, int value, int max, ref string? problem)
    {
        if (value > max)
        {
            problem = $"{name} is at most {max.ToString("N0", CultureInfo.InvariantCulture)}";
        }

        return value;
    }

    private static BenchmarkOptions Unknown(string name, BenchmarkOptions options, ref string? problem)
    {
        problem = $"unknown option {name}";
        return options;
    }
}
