using System.Text.RegularExpressions;

namespace Billing.Infra.Tests;

/// <summary>The GitHub workflows run what the README and azd say: the README's test command, and azd against <c>infra/</c>.</summary>
public sealed partial class WorkflowTests
{
    [Fact]
    public void The_CI_workflow_runs_the_README_test_command()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        string testCommand = TestCommand().Match(readme).Groups["command"].Value;
        string ci = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "workflows", "ci.yml"));

        Assert.Equal("./test.sh", testCommand);
        Assert.Matches(new Regex(@"^\s+- run: " + Regex.Escape(testCommand) + @"\s*$", RegexOptions.Multiline), ci);
    }

    [Fact]
    public void The_deploy_workflow_provisions_and_deploys_with_azd_and_holds_no_secret()
    {
        string deploy = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "workflows", "deploy.yml"));

        Assert.Contains("azd provision --no-prompt", deploy, StringComparison.Ordinal);
        Assert.Contains("azd deploy --no-prompt", deploy, StringComparison.Ordinal);
        Assert.Contains("id-token: write", deploy, StringComparison.Ordinal);
        Assert.DoesNotContain("secrets.", deploy, StringComparison.Ordinal);
    }

    // The README's second line of its first code block: "./test.sh   # run every test ...".
    [GeneratedRegex(@"^```sh\n[^\n]*\n(?<command>\S+)\s+#", RegexOptions.Multiline)]
    private static partial Regex TestCommand();
}
