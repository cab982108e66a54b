using System.Text.Json.Serialization;

namespace Billing.Application.Hosting;

/// <summary>
/// The readiness check's findings: every table, queue and container of <see cref="StorageBootstrap"/> by name with
/// what storage answered for it, and every invoice font file by full path (<see cref="ReadinessState.Ok"/> or
/// <see cref="ReadinessState.Missing"/>). Ready only when every one is <see cref="ReadinessState.Ok"/>.
/// </summary>
public sealed record ReadinessReport(
    [property: JsonPropertyName("tables")] IReadOnlyDictionary<string, ReadinessState> Tables,
    [property: JsonPropertyName("queues")] IReadOnlyDictionary<string, ReadinessState> Queues,
    [property: JsonPropertyName("containers")] IReadOnlyDictionary<string, ReadinessState> Containers,
    [property: JsonPropertyName("fonts")] IReadOnlyDictionary<string, ReadinessState> Fonts)
{
    [JsonIgnore]
    public bool Ready => Failures.Count == 0;

    /// <summary>
    /// Each resource that is not <see cref="ReadinessState.Ok"/>, as <c>table webhookdeliveries: missing</c> or
    /// <c>font /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf: missing</c>, in name order.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> Failures =>
    [
        .. Describe("table", Tables), .. Describe("queue", Queues), .. Describe("container", Containers), .. Describe("font", Fonts),
    ];

    private static IEnumerable<string> Describe(string kind, IReadOnlyDictionary<string, ReadinessState> states) =>
        states.Where(s => s.Value != ReadinessState.Ok)
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => $"{kind} {s.Key}: {s.Value.ToString().ToLowerInvariant()}");
}
