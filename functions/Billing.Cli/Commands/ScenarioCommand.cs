using System.CommandLine;
using Billing.Workflows.Scenarios;

namespace Billing.Cli.Commands;

/// <summary>
/// <c>scenario run FILE [--out R.json]</c>: the outcome JSON on stdout (or in the file);
/// <c>scenario explain FILE --customer ID --period P</c>: why one invoice has its amounts.
/// Exit 2 with one line on stderr naming the JSON path when the file is malformed or inconsistent.
/// </summary>
internal static class ScenarioCommand
{
    public static Command Build()
    {
        var scenario = new Command("scenario", "Play billing scenarios on a simulated clock.");
        scenario.Subcommands.Add(BuildRun());
        scenario.Subcommands.Add(BuildExplain());
        return scenario;
    }

    private static Command BuildRun()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The scenario JSON file." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the outcome JSON to this file instead of stdout." };
        var run = new Command("run", "Play a scenario and print its outcome JSON.") { file, output };
        run.SetAction(parsed => Guarded(parsed.GetRequiredValue(file), json =>
        {
            var (_, outcome) = ScenarioRun.Execute(json);
            if (parsed.GetValue(output) is { } target)
            {
                File.WriteAllText(target.FullName, outcome);
            }
            else
            {
                Console.Out.Write(outcome);
            }
        }));
        return run;
    }

    private static Command BuildExplain()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The scenario JSON file." };
        var customer = new Option<string>("--customer") { Description = "The invoiced customer's id.", Required = true };
        var period = new Option<string>("--period") { Description = "The billing period, e.g. 2026-01 or 2026-Q1.", Required = true };
        var explain = new Command("explain", "Explain one usage invoice of a scenario line by line.") { file, customer, period };
        explain.SetAction(parsed => Guarded(parsed.GetRequiredValue(file), json =>
        {
            var (outcome, _) = ScenarioRun.Execute(json, keepDetails: true);
            Console.Out.Write(InvoiceExplanation.Explain(outcome, parsed.GetRequiredValue(customer), parsed.GetRequiredValue(period)));
        }));
        return explain;
    }

    private static int Guarded(FileInfo file, Action<string> work)
    {
        string json;
        try
        {
            json = File.ReadAllText(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{file.Name}: cannot be read ({ex.GetType().Name})");
            return ExitCodes.BadInput;
        }

        try
        {
            work(json);
            return ExitCodes.Ok;
        }
        catch (ScenarioFormatException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }
    }
}
