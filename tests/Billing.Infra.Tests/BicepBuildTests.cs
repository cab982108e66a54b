using Billing.Infra.Tests.Bicep;

namespace Billing.Infra.Tests;

/// <summary><c>bicep build</c> and <c>bicep lint</c> are clean: no error and no warning, in main.bicep and every module.</summary>
public sealed class BicepBuildTests
{
    public static TheoryData<string> BicepFiles() => new(Files());

    private static IEnumerable<string> Files() =>
        Directory.GetFiles(RepositoryRoot.Infra, "*.bicep", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(RepositoryRoot.Infra, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    [Fact]
    public async Task Main_template_builds_without_warnings()
    {
        CompiledTemplate template = await CompiledTemplate.MainAsync();

        Assert.Equal(0, template.Build.ExitCode);
        Assert.Empty(template.Build.Diagnostics);
        Assert.Contains("deploymentTemplate.json", template.Root["$schema"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Bicep_file_lints_without_warnings_or_errors(string file)
    {
        BicepRun lint = await BicepCli.RunAsync(RepositoryRoot.Infra, "lint", file);

        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.Empty(lint.Diagnostics);
    }

    [Fact]
    public void Infra_holds_main_and_its_modules()
    {
        string[] files = Files().ToArray();

        Assert.Contains("main.bicep", files);
        Assert.Contains("modules/function-app.bicep", files);
        Assert.Contains("modules/storage.bicep", files);
    }
}
