using System.Text.Json.Nodes;

namespace Billing.Domain.Tests.Properties.Generation;

/// <summary>
/// Makes a failing scenario smaller: removes events, payments, packs, coupons, charges, free quota and
/// customers one at a time, keeping each removal after which the property still fails (the caller decides
/// what failing means; a document the runner rejects as malformed should not count). Stops after a fixed number of attempts.
/// </summary>
internal static class ScenarioShrinker
{
    private const int MaxAttempts = 1500;

    public static GeneratedScenario Shrink(GeneratedScenario failing, Func<GeneratedScenario, bool> stillFails)
    {
        var current = failing;
        var attempts = 0;
        var progress = true;
        while (progress && attempts < MaxAttempts)
        {
            progress = false;
            foreach (var array in Arrays(current.Document))
            {
                var count = array(current.Document)?.Count ?? 0;
                for (var index = count - 1; index >= 0 && attempts < MaxAttempts; index--)
                {
                    attempts++;
                    var candidate = current.Without(array, index);
                    if (stillFails(candidate))
                    {
                        current = candidate;
                        progress = true;
                    }
                }
            }
        }

        return current;
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
