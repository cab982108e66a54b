using Billing.Domain.Tests.Properties.Generation;
using Billing.Workflows.Scenarios;
using FsCheck;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Properties;

/// <summary>
/// The outcome is a function of the scenario's content: playing it again, listing its events in another
/// order, or repeating an event with identical content gives byte-identical JSON. Events are generated
/// with distinct received instants, because arrival order is received order with the document order
/// breaking ties, so among events received at the same instant the list order legitimately matters.
/// </summary>
public sealed class ReplayProperties
{
    [Property(Arbitrary = new[] { typeof(DefaultScenarios) }, MaxTest = ScenarioArbitraries.Cases)]
    public void Playing_the_same_scenario_twice_gives_identical_json(GeneratedScenario scenario)
    {
        var json = scenario.ToJson();
        Assert.Equal(ScenarioRun.Execute(json).Json, ScenarioRun.Execute(json).Json);
    }

    [Property(Arbitrary = new[] { typeof(ReorderedScenarios) }, MaxTest = ScenarioArbitraries.Cases)]
    public void Listing_events_with_distinct_arrival_times_in_another_order_gives_identical_json(ReorderedScenario scenario) =>
        Assert.Equal(ScenarioRun.Execute(scenario.Original.ToJson()).Json, ScenarioRun.Execute(scenario.Reordered.ToJson()).Json);

    [Property(Arbitrary = new[] { typeof(DefaultScenarios) }, MaxTest = ScenarioArbitraries.Cases)]
    public void Adding_an_identical_repeat_of_an_event_changes_nothing(GeneratedScenario scenario, NonNegativeInt pick, NonNegativeInt at)
    {
        if (scenario.Events.Count == 0)
        {
            return;
        }

        var repeated = scenario.WithRepeatOf(pick.Get % scenario.Events.Count, at.Get % (scenario.Events.Count + 1));
        Assert.Equal(ScenarioRun.Execute(scenario.ToJson()).Json, ScenarioRun.Execute(repeated.ToJson()).Json);
    }
}
