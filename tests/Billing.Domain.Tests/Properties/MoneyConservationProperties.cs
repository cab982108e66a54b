using System.Globalization;
using Billing.Domain.Tests.Properties.Generation;
using Billing.Workflows.Scenarios;

namespace Billing.Domain.Tests.Properties;

/// <summary>
/// No money is created or lost: every payment made before the scenario's end is either on an invoice
/// (its <c>paid</c>, credit applications included) or still a credit balance at the end. Payments at or
/// after the end never happen.
/// </summary>
public sealed class MoneyConservationProperties
{
    [Fact]
    public void Payments_made_equal_what_invoices_were_paid_plus_the_credit_left() =>
        PropertyCheck.ForAll(110_000, GenerationOptions.Default, (scenario, _) =>
        {
            var outcome = ScenarioRun.Execute(scenario.ToJson()).Outcome;
            var end = scenario.End;
            var paymentsMade = scenario.Payments
                .Where(p => DateTimeOffset.Parse((string)p!["at"]!, CultureInfo.InvariantCulture) < end)
                .Sum(p => decimal.Parse((string)p!["amount"]!, CultureInfo.InvariantCulture));
            var paid = outcome.Invoices.Sum(r => r.Paid);
            var credit = outcome.Credit.Values.Sum();
            Assert.True(paymentsMade == paid + credit, $"payments {paymentsMade} but paid {paid} + credit {credit} = {paid + credit}");
        });

    [Fact]
    public void Credit_balances_are_never_negative() =>
        PropertyCheck.ForAll(120_000, GenerationOptions.Default, (scenario, _) =>
        {
            foreach (var (customer, amount) in ScenarioRun.Execute(scenario.ToJson()).Outcome.Credit)
            {
                Assert.True(amount > 0m, $"credit of {customer} is {amount}");
            }
        });
}
