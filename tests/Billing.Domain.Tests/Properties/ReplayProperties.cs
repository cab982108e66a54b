using Billing.Domain.Tests.Properties.Generation;
using Billing.Workflows.Scenarios;

namespace Billing.Domain.Tests.Properties;

/// <summary>
/// The outcome is a function of the scenario's content: playing it again, listing its events in another
/// order, or repeating an event with identical content gives byte-identical JSON. Events are generated
/// with distinct received instants, because arrival order is received order with the document order
/// breaking ties, so among events received at the same instant the list order legitimately matters.
/// </summary>
public sealed class ReplayProperties
{
    [Fact]
    public void Playing_the_same_scenario_twice_gives_identical_json() =>
        PropertyCheck.ForAll(60_000, GenerationOptions.Default, (scenario, _) =>
        {
            var json = scenario.ToJson();
            Assert.Equal(ScenarioRun.Execute(json).Json, ScenarioRun.Execute(json).Json);
        });

    [Fact]
    public void Listing_events_with_distinct_arrival_times_in_another_order_gives_identical_json() =>
        PropertyCheck.ForAll(70_000, GenerationOptions.Default, (scenario, choices) =>
        {
            var shuffled = scenario.WithEventsShuffled(choices);
            Assert.Equal(ScenarioRun.Execute(scenario.ToJson()).Json, ScenarioRun.Execute(shuffled.ToJson()).Json);
        });

    [Fact]
    public void Adding_an_identical_repeat_of_an_event_changes_nothing() =>
        PropertyCheck.ForAll(80_000, GenerationOptions.Default, (scenario, choices) =>
        {
            if (scenario.Events.Count == 0)
            {
                return;
            }

            var index = choices.Next(scenario.Events.Count);
            var repeated = scenario.WithRepeatOf(index, choices.Next(scenario.Events.Count + 1));
            Assert.Equal(ScenarioRun.Execute(scenario.ToJson()).Json, ScenarioRun.Execute(repeated.ToJson()).Json);
        });
}
