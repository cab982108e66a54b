using System.Text;
using System.Text.Json;
using CsvHelper;

namespace Billing.Application.Imports;

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

    /// <summary>
    /// The file (<paramref name="content"/>, read by CsvHelper: RFC 4180 quoting, quoted fields spanning lines, a UTF-8
    /// byte order mark) as one entry per line of <paramref name="lines"/>: a record's event JSON, or its problem, at the
    /// line where the record starts; an empty text for the header, blank lines and the further lines of a record. A
    /// record touching a line that is not valid UTF-8 carries that line's problem; a record with broken quoting (a stray
    /// or unclosed quote) is refused as such.
    /// </summary>
    public List<(string? Text, string? Problem)> Convert(byte[] content, IReadOnlyList<(string? Text, string? Problem)> lines)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0 || lines[0].Problem is not null)
        {
            return [.. lines.Select(_ => ((string?)null, (string?)"the file has no header row"))];
        }

        var rows = Enumerable.Repeat(((string?)string.Empty, (string?)null), lines.Count).ToList();
        var covered = new bool[lines.Count];
        var malformed = new List<(long Line, string Reason)>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = record => malformed.Add((record.LineNumber, record.Reason.ToString())),
        };
        using var reader = CsvReader.Create(content, options);
        var header = reader.Headers.Select(h => Fields.GetValueOrDefault(h.Trim())).ToList();
        if (header.OfType<string>().GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { Key: var twice })
        {
            // Which column would count is a guess: refuse the file's rows rather than pick one.
            return [.. lines.Select(_ => ((string?)null, (string?)$"the header maps two columns to '{twice}'"))];
        }

        while (reader.Read())
        {
            var first = Math.Min((int)reader.LineNumber - 1, lines.Count - 1);
            var last = Math.Min(first + UsageFileLines.LineBreaks(reader.RawRecord), lines.Count - 1);
            Array.Fill(covered, true, first, last - first + 1);
            var broken = lines.Skip(first).Take(last - first + 1).FirstOrDefault(l => l.Problem is not null).Problem;
            rows[first] = broken is not null ? (null, broken)
                : reader.FieldCount != header.Count ? (null, $"has {reader.FieldCount} columns, the header has {header.Count}")
                : (Json(Values(reader, header)), null);
        }

        foreach (var (line, reason) in malformed)
        {
            var index = (int)Math.Clamp(line - 1, 0, lines.Count - 1);
            rows[index] = (null, $"malformed CSV quoting ({reason})");
            covered[index] = true;
        }

        for (var i = 1; i < lines.Count; i++)
        {
            if (!covered[i] && lines[i].Problem is { } problem)
            {
                rows[i] = (null, problem);
            }
        }

        return rows;
    }

    private static Dictionary<string, string> Values(CsvReader reader, List<string?> header)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] is { } field)
            {
                values[field] = reader.GetString(i) ?? string.Empty;
            }
        }

        if (!values.ContainsKey("id") && values.TryGetValue("requestId", out var request) && values.TryGetValue("at", out var at))
        {
            values["id"] = request + "@" + at;
        }

        return values;
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
}
