using System.Globalization;
using Billing.Domain.Tests.Properties.Generation;
using Billing.Workflows.Scenarios;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Properties;

/// <summary>
/// No money is created or lost: every payment made before the scenario's end is either on an invoice
/// (its <c>paid</c>, credit applications included) or still a credit balance at the end. Payments at or
/// after the end never happen.
/// </summary>
public sealed class MoneyConservationProperties
{
    [Property(Arbitrary = new[] { typeof(DefaultScenarios) }, MaxTest = ScenarioArbitraries.Cases)]
    public void Payments_made_equal_what_invoices_were_paid_plus_the_credit_left(GeneratedScenario scenario)
    {
        var outcome = ScenarioRun.Execute(scenario.ToJson()).Outcome;
        var end = scenario.End;
        var paymentsMade = scenario.Payments
            .Where(p => DateTimeOffset.Parse((string)p!["at"]!, CultureInfo.InvariantCulture) < end)
            .Sum(p => decimal.Parse((string)p!["amount"]!, CultureInfo.InvariantCulture));
        var paid = outcome.Invoices.Sum(r => r.Paid);
        var credit = outcome.Credit.Values.Sum();
        Assert.True(paymentsMade == paid + credit, $"payments {paymentsMade} but paid {paid} + credit {credit} = {paid + credit}");
    }

    [Property(Arbitrary = new[] { typeof(DefaultScenarios) }, MaxTest = ScenarioArbitraries.Cases)]
    public void Credit_balances_are_never_negative(GeneratedScenario scenario)
    {
        foreach (var (customer, amount) in ScenarioRun.Execute(scenario.ToJson()).Outcome.Credit)
        {
            Assert.True(amount > 0m, $"credit of {customer} is {amount}");
        }
    }
}
