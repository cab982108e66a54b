using System.Globalization;
using System.Text.Json;
using Billing.Domain.Metering;
using Billing.Domain.Money;

namespace Billing.Workflows.Scenarios;

/// <summary>
/// A JSON element with its path, whose readers fail with a <see cref="ScenarioFormatException"/> naming that
/// path. Decimals are read from the exact text (JSON strings or numbers), never through binary floating point.
/// </summary>
internal readonly struct JsonNode(JsonElement element, string path)
{
    public JsonElement Element { get; } = element;

    public string Path { get; } = path;

    public bool IsNull => Element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    public ScenarioFormatException Fault(string problem) => new(Path, problem);

    public JsonNode Property(string name) =>
        Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var value)
            ? new JsonNode(value, Child(name))
            : new JsonNode(default, Child(name));

    public JsonNode Required(string name)
    {
        var node = Property(name);
        return node.IsNull ? throw node.Fault("required") : node;
    }

    public IEnumerable<JsonNode> Items()
    {
        if (IsNull)
        {
            yield break;
        }

        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Fault("must be an array");
        }

        var index = 0;
        foreach (var item in Element.EnumerateArray())
        {
            yield return new JsonNode(item, string.Create(CultureInfo.InvariantCulture, $"{Path}[{index++}]"));
        }
    }

    public JsonNode ExpectObject() => Element.ValueKind == JsonValueKind.Object ? this : throw Fault("must be an object");

    public string String()
    {
        if (Element.ValueKind != JsonValueKind.String)
        {
            throw Fault(IsNull ? "required" : "must be a string");
        }

        var text = Text(Element, Path);
        return text.Length == 0 ? throw Fault("must not be empty") : text;
    }

    /// <summary>
    /// The string <paramref name="element"/> holds; an escape that is no Unicode text (a lone surrogate such as
    /// <c>"\ud800"</c>) is a fault at <paramref name="path"/>, not a crash.
    /// </summary>
    public static string Text(JsonElement element, string path)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new ScenarioFormatException(path.Length == 0 ? "$" : path, "is not valid Unicode text (an unpaired surrogate escape)");
        }
    }

    /// <summary>The name of <paramref name="property"/> of the object at <paramref name="path"/> (see <see cref="Text"/>).</summary>
    public static string Name(JsonProperty property, string path)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw new ScenarioFormatException(path.Length == 0 ? "$" : path, "a property name is not valid Unicode text (an unpaired surrogate escape)");
        }
    }

    public string? OptionalString() => IsNull ? null : String();

    public decimal Decimal()
    {
        var text = Element.ValueKind switch
        {
            JsonValueKind.String => Element.GetString()!,
            JsonValueKind.Number => Element.GetRawText(),
            _ => throw Fault(IsNull ? "required" : "must be a decimal string"),
        };
        return MeterReading.TryParseDecimal(text, out var value) ? value : throw Fault($"'{text}' is not a decimal");
    }

    public decimal NonNegativeDecimal()
    {
        var value = Decimal();
        return value < 0m ? throw Fault("must not be negative") : value;
    }

    public decimal PositiveDecimal()
    {
        var value = Decimal();
        return value <= 0m ? throw Fault("must be greater than 0") : value;
    }

    private decimal Exact(decimal value, Currency currency) =>
        currency.HoldsExactly(value) ? value : throw Fault($"has more decimals than {currency.Code} allows ({currency.MinorUnits})");

    /// <summary>
    /// A money amount in <paramref name="currency"/>: not negative and with no more decimals than its minor unit
    /// (<c>"1.005"</c> CNY is refused, never rounded; trailing zeros are no precision).
    /// </summary>
    public decimal NonNegativeAmount(Currency currency) => Exact(NonNegativeDecimal(), currency);

    /// <summary>A money amount in <paramref name="currency"/> above 0 (see <see cref="NonNegativeAmount"/>).</summary>
    public decimal PositiveAmount(Currency currency) => Exact(PositiveDecimal(), currency);

    public int Integer()
    {
        if (Element.ValueKind != JsonValueKind.Number || !Element.TryGetInt32(out var value))
        {
            throw Fault(IsNull ? "required" : "must be a whole number");
        }

        return value;
    }

    public bool Boolean(bool whenAbsent)
    {
        if (IsNull)
        {
            return whenAbsent;
        }

        return Element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fault("must be true or false"),
        };
    }

    /// <summary>An ISO 8601 timestamp that states its offset (<c>Z</c> or <c>+08:00</c>), inside the billing horizon (<see cref="ScenarioTimestamp"/>).</summary>
    public DateTimeOffset Timestamp() =>
        ScenarioTimestamp.TryParse(String(), out var value, out var problem) ? value : throw Fault(problem);

    public T Choice<T>(IReadOnlyDictionary<string, T> choices)
    {
        var text = String();
        return choices.TryGetValue(text, out var value)
            ? value
            : throw Fault($"'{text}' is not one of {string.Join(", ", choices.Keys)}");
    }

    private string Child(string name) => Path.Length == 0 ? name : Path + "." + name;
}
