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

    [Fact]
    public void The_deploy_workflow_installs_the_invoice_font_packages_before_azd_publishes_the_app()
    {
        string deploy = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "workflows", "deploy.yml"));

        int fonts = deploy.IndexOf("apt-get install -y --no-install-recommends fonts-dejavu-core fonts-droid-fallback", StringComparison.Ordinal);
        Assert.True(fonts >= 0, "the deploy workflow installs fonts-dejavu-core and fonts-droid-fallback");
        Assert.True(fonts < deploy.IndexOf("azd deploy --no-prompt", StringComparison.Ordinal), "before azd deploy publishes the app");
    }

    // The README's second line of its first code block: "./test.sh   # run every test ...".
    [GeneratedRegex(@"^```sh\n[^\n]*\n(?<command>\S+)\s+#", RegexOptions.Multiline)]
    private static partial Regex TestCommand();
}
