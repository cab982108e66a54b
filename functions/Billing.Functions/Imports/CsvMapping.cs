using System.Text;
using System.Text.Json;

namespace Billing.Functions.Imports;

/// <summary>
/// How a CSV usage file's columns map to event fields (<c>Billing__ImportMappings__{name}__Fields__{header}={field}</c>,
/// fields <c>id</c>, <c>customer</c>, <c>meter</c>, <c>at</c>, <c>quantity</c>, <c>requestId</c>, and
/// <c>__Property</c>, the event property the quantity goes to, default <c>quantity</c>). A file uses the mapping named
/// by the first folder of its blob name (<c>gateway/2026-01-05.csv</c>), else <c>default</c>, whose headers are the
/// field names themselves. Without an <c>id</c> column the id is <c>{requestId}@{at}</c> (gateway logs).
/// </summary>
public sealed class CsvMapping
{
    public Dictionary<string, string> Fields { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string Property { get; set; } = "quantity";

    public static CsvMapping Default { get; } = new()
    {
        Fields = new(StringComparer.OrdinalIgnoreCase) { ["id"] = "id", ["customer"] = "customer", ["meter"] = "meter", ["at"] = "at", ["quantity"] = "quantity" },
    };

    /// <summary>The file's lines as event JSON (the header line left empty), or the problem of each row.</summary>
    public List<(string? Text, string? Problem)> Convert(IReadOnlyList<(string? Text, string? Problem)> lines)
    {
        var rows = new List<(string?, string?)>(lines.Count);
        if (lines.Count == 0 || lines[0].Text is not { } headerLine)
        {
            return [.. lines.Select(_ => ((string?)null, (string?)"the file has no header row"))];
        }

        var header = Split(headerLine).Select(h => Fields.GetValueOrDefault(h.Trim())).ToList();
        rows.Add((string.Empty, null));
        foreach (var (text, problem) in lines.Skip(1))
        {
            if (text is null || string.IsNullOrWhiteSpace(text))
            {
                rows.Add((text, problem));
                continue;
            }

            var cells = Split(text);
            if (cells.Count != header.Count)
            {
                rows.Add((null, $"has {cells.Count} columns, the header has {header.Count}"));
                continue;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                if (header[i] is { } field)
                {
                    values[field] = cells[i];
                }
            }

            if (!values.ContainsKey("id") && values.TryGetValue("requestId", out var request) && values.TryGetValue("at", out var at))
            {
                values["id"] = request + "@" + at;
            }

            rows.Add((Json(values), null));
        }

        return rows;
    }

    private string Json(Dictionary<string, string> values)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var field in new[] { "id", "customer", "meter", "at" })
            {
                if (values.TryGetValue(field, out var value))
                {
                    json.WriteString(field, value);
                }
            }

            if (values.TryGetValue("quantity", out var quantity))
            {
                json.WriteStartObject("properties");
                json.WriteString(Property, quantity);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Splits one CSV line (RFC 4180 quoting: "a, b" and doubled quotes).</summary>
    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
