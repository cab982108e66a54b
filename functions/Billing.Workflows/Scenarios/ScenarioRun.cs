using Billing.Workflows.Simulation;

namespace Billing.Workflows.Scenarios;

/// <summary>Reads a scenario document, plays it, and returns the outcome and its JSON.</summary>
public static class ScenarioRun
{
    public static (SimulationOutcome Outcome, string Json) Execute(string scenarioJson, bool keepDetails = false)
    {
        var input = ScenarioReader.Read(scenarioJson, keepDetails);
        var outcome = new BillingSimulation(input).Run();
        return (outcome, OutcomeWriter.Write(outcome, input.Catalog.Currency));
    }
}
