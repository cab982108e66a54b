using Billing.Domain.Tests.Properties.Generation;
using Billing.Workflows.Scenarios;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Properties;

/// <summary>
/// The scenario generator itself: FsCheck draws enough choices for any scenario it makes, and every scenario is one
/// the runner plays (never refused as malformed), in both option sets.
/// </summary>
public sealed class ScenarioGenerationProperties
{
    [Property(MaxTest = 500)]
    public Property A_scenario_reads_fewer_choices_than_are_drawn_for_it() =>
        Prop.ForAll(
            Arb.From(ScenarioArbitraries.ChoiceLists()),
            choices => ScenarioGenerator.ChoicesRead(choices, GenerationOptions.Default) < ScenarioArbitraries.ChoicesPerScenario
                && ScenarioGenerator.ChoicesRead(choices, GenerationOptions.Monotone) < ScenarioArbitraries.ChoicesPerScenario);

    [Property(Arbitrary = new[] { typeof(DefaultScenarios) }, MaxTest = ScenarioArbitraries.Cases)]
    public void Every_generated_scenario_is_played_by_the_runner(GeneratedScenario scenario) =>
        Assert.NotNull(ScenarioRun.Execute(scenario.ToJson()).Outcome);
}
