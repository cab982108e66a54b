using System.Text.Json.Nodes;
using Billing.Workflows.Scenarios;

namespace Billing.Domain.Tests.Properties.Generation;

/// <summary>
/// The smaller scenarios FsCheck tries when one fails: each with one event, payment, pack, coupon, charge, free
/// quota grant or customer removed, in that order, skipping removals that leave a document the runner refuses as
/// malformed (a plan without charges, a pack on a removed customer), so a shrunk counterexample is always a real one.
/// </summary>
internal static class ScenarioShrinker
{
    public static IEnumerable<GeneratedScenario> Candidates(GeneratedScenario scenario)
    {
        var document = scenario.Document;
        foreach (var array in Arrays(document))
        {
            var count = array(document)?.Count ?? 0;
            for (var index = count - 1; index >= 0; index--)
            {
                var candidate = scenario.Without(array, index);
                if (IsWellFormed(candidate))
                {
                    yield return candidate;
                }
            }
        }
    }

    private static bool IsWellFormed(GeneratedScenario candidate)
    {
        try
        {
            ScenarioReader.Read(candidate.ToJson());
            return true;
        }
        catch (ScenarioFormatException)
        {
            return false;
        }
    }

    private static IEnumerable<Func<JsonObject, JsonArray?>> Arrays(JsonObject document)
    {
        yield return d => d["events"] as JsonArray;
        yield return d => d["payments"] as JsonArray;
        var customers = (document["customers"] as JsonArray)?.Count ?? 0;
        for (var i = 0; i < customers; i++)
        {
            var index = i;
            yield return d => (d["customers"] as JsonArray)?.ElementAtOrDefault(index)?["packs"] as JsonArray;
            yield return d => (d["customers"] as JsonArray)?.ElementAtOrDefault(index)?["coupons"] as JsonArray;
        }

        var plans = (document["plans"] as JsonArray)?.Count ?? 0;
        for (var i = 0; i < plans; i++)
        {
            var index = i;
            yield return d => (d["plans"] as JsonArray)?.ElementAtOrDefault(index)?["charges"] as JsonArray;
            yield return d => (d["plans"] as JsonArray)?.ElementAtOrDefault(index)?["freeQuota"] as JsonArray;
        }

        yield return d => d["customers"] as JsonArray;
    }
}
