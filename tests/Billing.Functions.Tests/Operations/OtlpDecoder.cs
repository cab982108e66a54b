using Google.Protobuf;

namespace Billing.Functions.Tests.Operations;

/// <summary>One data point of a sum (counter) metric: the meter (scope), metric name, attributes, value and time.</summary>
public sealed record OtlpPoint(string Scope, string Metric, IReadOnlyDictionary<string, string> Attributes, double Value, ulong TimeUnixNano);

/// <summary>One span: its scope (activity source), name, and the trace, span and parent ids in hex (parent empty for a root).</summary>
public sealed record OtlpSpan(string Scope, string Name, string TraceId, string SpanId, string ParentSpanId, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// Reads the fields the tests need from OTLP protobuf requests (<c>opentelemetry/proto/collector/{metrics,trace}/v1</c>)
/// with <see cref="CodedInputStream"/>, skipping every other field.
/// </summary>
public static class OtlpDecoder
{
    /// <summary>The sum and gauge data points of an <c>ExportMetricsServiceRequest</c>.</summary>
    public static IReadOnlyList<OtlpPoint> Metrics(byte[] body)
    {
        var points = new List<OtlpPoint>();
        foreach (var resource in Messages(body, 1))
        {
            foreach (var scopeMetrics in Messages(resource, 2))
            {
                var scope = ScopeName(scopeMetrics);
                foreach (var metric in Messages(scopeMetrics, 2))
                {
                    var name = Strings(metric, 1).FirstOrDefault() ?? string.Empty;
                    // Metric.sum is field 7, Metric.gauge field 5; both hold NumberDataPoints in field 1.
                    foreach (var data in Messages(metric, 7).Concat(Messages(metric, 5)))
                    {
                        foreach (var point in Messages(data, 1))
                        {
                            points.Add(Point(scope, name, point));
                        }
                    }
                }
            }
        }

        return points;
    }

    /// <summary>The spans of an <c>ExportTraceServiceRequest</c>.</summary>
    public static IReadOnlyList<OtlpSpan> Spans(byte[] body)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resource in Messages(body, 1))
        {
            foreach (var scopeSpans in Messages(resource, 2))
            {
                var scope = ScopeName(scopeSpans);
                foreach (var span in Messages(scopeSpans, 2))
                {
                    spans.Add(new OtlpSpan(
                        scope,
                        Strings(span, 5).FirstOrDefault() ?? string.Empty,
                        Hex(Messages(span, 1).FirstOrDefault()),
                        Hex(Messages(span, 2).FirstOrDefault()),
                        Hex(Messages(span, 4).FirstOrDefault()),
                        Attributes(span, 9)));
                }
            }
        }

        return spans;
    }

    private static string ScopeName(byte[] scoped) => Messages(scoped, 1).Select(s => Strings(s, 1).FirstOrDefault()).FirstOrDefault() ?? string.Empty;

    private static OtlpPoint Point(string scope, string metric, byte[] point)
    {
        double value = 0;
        ulong time = 0;
        var input = new CodedInputStream(point);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 3 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Fixed64:
                    time = input.ReadFixed64();
                    break;
                case 4 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Fixed64:
                    value = input.ReadDouble();
                    break;
                case 6 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Fixed64:
                    value = input.ReadSFixed64();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new OtlpPoint(scope, metric, Attributes(point, 7), value, time);
    }

    /// <summary>KeyValue attributes (string, int and bool values as text).</summary>
    private static Dictionary<string, string> Attributes(byte[] message, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Messages(message, field))
        {
            var key = Strings(pair, 1).FirstOrDefault() ?? string.Empty;
            var value = Messages(pair, 2).FirstOrDefault();
            attributes[key] = value is null ? string.Empty : AnyValue(value);
        }

        return attributes;
    }

    private static string AnyValue(byte[] any)
    {
        var input = new CodedInputStream(any);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    return input.ReadString();
                case 2:
                    return input.ReadBool() ? "true" : "false";
                case 3:
                    return input.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return string.Empty;
    }

    /// <summary>The length-delimited values of <paramref name="field"/> (embedded messages or bytes).</summary>
    private static List<byte[]> Messages(byte[] message, int field)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }

    private static IEnumerable<string> Strings(byte[] message, int field) => Messages(message, field).Select(b => System.Text.Encoding.UTF8.GetString(b));

    private static string Hex(byte[]? bytes) => bytes is null ? string.Empty : Convert.ToHexStringLower(bytes);
}
