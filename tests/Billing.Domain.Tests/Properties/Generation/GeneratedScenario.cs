using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Billing.Domain.Tests.Properties.Generation;

/// <summary>
/// A generated scenario document and the variations properties compare it with. Every variation returns a
/// new scenario; this one is never changed.
/// </summary>
public sealed class GeneratedScenario(JsonObject document)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public JsonArray Events => (JsonArray)document["events"]!;

    public JsonArray Payments => (JsonArray)document["payments"]!;

    /// <summary>The ISO code of the scenario's currency.</summary>
    public string CurrencyCode => (string)document["currency"]!;

    public DateTimeOffset End => DateTimeOffset.Parse((string)document["end"]!, CultureInfo.InvariantCulture);

    /// <summary>The scenario JSON, as the runner reads it.</summary>
    public string ToJson() => document.ToJsonString(Indented);

    public override string ToString() => ToJson();

    /// <summary>The same events in the document order <paramref name="order"/> gives (a permutation of their positions; ids and content unchanged).</summary>
    public GeneratedScenario WithEventsInOrder(IReadOnlyList<int> order) => With(copy =>
    {
        var events = (JsonArray)copy["events"]!;
        copy["events"] = new JsonArray([.. order.Select(i => events[i]!.DeepClone())]);
    });

    /// <summary>An identical copy of event <paramref name="index"/> inserted at <paramref name="position"/> of the list.</summary>
    public GeneratedScenario WithRepeatOf(int index, int position) => With(copy =>
    {
        var events = (JsonArray)copy["events"]!;
        events.Insert(position, events[index]!.DeepClone());
    });

    /// <summary>
    /// Every event with this id gets <paramref name="increase"/> more of the meter's quantity property (a JSON
    /// number stays a number, a string a string). Events whose property is not a decimal are left alone.
    /// </summary>
    public GeneratedScenario WithQuantityRaised(string eventId, string property, decimal increase) => With(copy =>
    {
        foreach (var usage in ((JsonArray)copy["events"]!).Select(e => e!.AsObject()))
        {
            if ((string)usage["id"]! != eventId || usage["properties"]?[property] is not JsonValue value)
            {
                continue;
            }

            if (value.TryGetValue<decimal>(out var number))
            {
                usage["properties"]![property] = JsonValue.Create(number + increase);
            }
            else if (value.TryGetValue<string>(out var text) && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
            {
                usage["properties"]![property] = (parsed + increase).ToString(CultureInfo.InvariantCulture);
            }
        }
    });

    /// <summary>The scenario without the element at <paramref name="index"/> of the array at <paramref name="arrayPath"/> (for shrinking).</summary>
    public GeneratedScenario Without(Func<JsonObject, JsonArray?> arrayPath, int index) => With(copy => arrayPath(copy)?.RemoveAt(index));

    private GeneratedScenario With(Action<JsonObject> change)
    {
        var copy = document.DeepClone().AsObject();
        change(copy);
        return new GeneratedScenario(copy);
    }

    /// <summary>A copy of the document for the shrinker to walk (changing it does not change this scenario).</summary>
    public JsonObject Document => document.DeepClone().AsObject();
}
