using Billing.Domain.Dunning;

namespace Billing.Application.Configuration;

/// <summary>One configured dunning step: <c>Billing__DunningLadders__high__0__AfterDueDays=3</c>, <c>...__Action=suspend</c>.</summary>
public sealed class DunningStepSetting
{
    public int AfterDueDays { get; set; }

    public string Action { get; set; } = "remind";
}

/// <summary>The dunning ladders per customer risk level (<c>low</c>, <c>medium</c>, <c>high</c>) from configuration.</summary>
public static class DunningLadderSettings
{
    /// <summary>The configured ladders as policies; a ladder with an unknown action or steps out of time order is refused at start-up.</summary>
    public static IReadOnlyDictionary<string, DunningPolicy> Ladders(BillingOptions options)
    {
        var ladders = new Dictionary<string, DunningPolicy>(StringComparer.Ordinal);
        foreach (var (level, steps) in options.DunningLadders)
        {
            if (level is not ("low" or "medium" or "high"))
            {
                throw new InvalidOperationException($"Billing:DunningLadders:{level}: risk levels are low, medium and high");
            }

            var policy = steps.Select((s, i) => new DunningStep(s.AfterDueDays, s.Action switch
            {
                "remind" => DunningAction.Remind,
                "throttle" => DunningAction.Throttle,
                "backup" => DunningAction.Backup,
                "suspend" => DunningAction.Suspend,
                _ => throw new InvalidOperationException($"Billing:DunningLadders:{level}:{i}:Action: '{s.Action}' is not remind, throttle, backup or suspend"),
            })).ToList();
            if (policy.Zip(policy.Skip(1)).Any(p => p.Second.AfterDueDays < p.First.AfterDueDays))
            {
                throw new InvalidOperationException($"Billing:DunningLadders:{level}: list the steps in time order");
            }

            ladders[level] = new DunningPolicy(policy);
        }

        return ladders;
    }
}

/// <summary>The configured dunning ladders, read and checked once at start-up.</summary>
public sealed record DunningLadders(IReadOnlyDictionary<string, DunningPolicy> ByRiskLevel)
{
    /// <summary>The ladder a customer of this risk level follows, or <paramref name="fallback"/> (the catalog's policy).</summary>
    public DunningPolicy For(string? riskLevel, DunningPolicy fallback) =>
        riskLevel is not null && ByRiskLevel.TryGetValue(riskLevel, out var ladder) ? ladder : fallback;
}
