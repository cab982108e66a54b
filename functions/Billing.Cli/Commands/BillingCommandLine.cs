using System.CommandLine;

namespace Billing.Cli.Commands;

/// <summary>The <c>billing</c> command tree.</summary>
internal static class BillingCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("BillingFunctions: play billing scenarios and operate the pipeline.");
        root.Subcommands.Add(ScenarioCommand.Build());
        root.Subcommands.Add(Demo.DemoCommand.Build());
        return root;
    }
}
