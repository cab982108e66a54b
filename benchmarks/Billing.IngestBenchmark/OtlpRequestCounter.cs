using System.Net;

namespace Billing.IngestBenchmark;

/// <summary>
/// A minimal OTLP/HTTP metrics receiver on loopback that keeps the latest cumulative total of one counter (the
/// host's <c>billing.storage.requests</c>), summed over its attribute sets. It reads just enough of the protobuf
/// wire format (ExportMetricsServiceRequest → ResourceMetrics → ScopeMetrics → Metric → Sum → NumberDataPoint) to
/// add up the points of the metric with that name; everything else is skipped. Each point is also kept by its
/// attributes (for the storage counter: service, HTTP method and status), so a run can say where its requests went.
/// </summary>
internal sealed class OtlpRequestCounter : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly string metric;
    private readonly Task loop;
    private long total;
    private long exports;
    private IReadOnlyDictionary<string, long> byAttributes = new Dictionary<string, long>();
    private IReadOnlyDictionary<string, long> breakdown = new Dictionary<string, long>();

    public OtlpRequestCounter(int port, string metric)
    {
        this.metric = metric;
        Endpoint = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(Endpoint + "/");
        listener.Start();
        loop = Task.Run(ReceiveAsync);
    }

    public string Endpoint { get; }

    /// <summary>The counter's total in the latest export, and how many exports have arrived.</summary>
    public (long Total, long Exports) Latest => (Interlocked.Read(ref total), Interlocked.Read(ref exports));

    /// <summary>
    /// The counter's latest cumulative totals by <c>storage.service</c>, <c>storage.resource</c> and
    /// <c>storage.operation</c> (joined by spaces), from an export that arrived after this call.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> NextBreakdownAsync(CancellationToken ct)
    {
        await NextTotalAsync(ct);
        return Volatile.Read(ref breakdown);
    }

    /// <summary>The total from an export that arrived after this call (the host exports every interval).</summary>
    public async Task<long> NextTotalAsync(CancellationToken ct) => (await NextSnapshotAsync(ct)).Total;

    /// <summary>The total and the totals per attribute set (<c>table POST 202</c>) from an export that arrived after this call.</summary>
    public async Task<(long Total, IReadOnlyDictionary<string, long> ByAttributes)> NextSnapshotAsync(CancellationToken ct)
    {
        var seen = Latest.Exports;
        while (Latest.Exports < seen + 2)
        {
            await Task.Delay(50, ct);
        }

        return (Latest.Total, Volatile.Read(ref byAttributes));
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task ReceiveAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var (sum, points, parts) = SumOf(body.ToArray());
            if (sum is { } found)
            {
                Volatile.Write(ref byAttributes, points);
                Volatile.Write(ref breakdown, parts);
                Interlocked.Exchange(ref total, found);
            }

            Interlocked.Increment(ref exports);
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    /// <summary>
    /// The sum of the metric's integer data points in one export (null when the export does not carry it), the points by
    /// their attribute values, and by service, resource and operation.
    /// </summary>
    private (long? Sum, Dictionary<string, long> ByAttributes, Dictionary<string, long> Breakdown) SumOf(byte[] export)
    {
        long? sum = null;
        var points = new Dictionary<string, long>(StringComparer.Ordinal);
        var parts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var resource in Fields(export, 1))
        {
            foreach (var scope in Fields(resource, 2))
            {
                foreach (var m in Fields(scope, 2))
                {
                    var name = Fields(m, 1).Select(n => System.Text.Encoding.UTF8.GetString(n)).FirstOrDefault();
                    if (name != metric)
                    {
                        continue;
                    }

                    foreach (var point in Fields(m, 7).SelectMany(s => Fields(s, 1)))
                    {
                        var value = IntValue(point);
                        sum = (sum ?? 0) + value;
                        var attributes = Fields(point, 7).Select(a => (Key: AttributeKey(a), Value: AttributeValue(a))).ToList();
                        var label = string.Join(' ', attributes.OrderBy(a => a.Key.StartsWith("storage.", StringComparison.Ordinal) ? 0 : 1).Select(a => a.Value));
                        points[label] = points.GetValueOrDefault(label) + value;
                        var part = string.Join(' ', new[] { "storage.service", "storage.resource", "storage.operation" }.Select(k => attributes.FirstOrDefault(a => a.Key == k).Value ?? "?"));
                        parts[part] = parts.GetValueOrDefault(part) + value;
                    }
                }
            }
        }

        return (sum, points, parts);
    }

    /// <summary>A KeyValue attribute's key (field 1).</summary>
    private static string AttributeKey(byte[] keyValue) => Fields(keyValue, 1).Select(k => System.Text.Encoding.UTF8.GetString(k)).FirstOrDefault() ?? string.Empty;

    /// <summary>A KeyValue attribute's value as text: AnyValue's <c>string_value</c> (field 1) or <c>int_value</c> (field 3).</summary>
    private static string AttributeValue(byte[] keyValue)
    {
        var value = Fields(keyValue, 2).FirstOrDefault() ?? [];
        if (Fields(value, 1).FirstOrDefault() is { } text)
        {
            return System.Text.Encoding.UTF8.GetString(text);
        }

        var i = 0;
        while (i < value.Length)
        {
            var key = Varint(value, ref i);
            if (key == (3 << 3))
            {
                return ((long)Varint(value, ref i)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            i += (key & 7) switch
            {
                0 => SkipVarint(value, i),
                1 => 8,
                2 => LengthAndPrefix(value, i),
                _ => 4,
            };
        }

        return "?";
    }

    /// <summary>The length-delimited fields numbered <paramref name="number"/> of a message.</summary>
    private static List<byte[]> Fields(byte[] message, int number)
    {
        var found = new List<byte[]>();
        var i = 0;
        while (i < message.Length)
        {
            var key = Varint(message, ref i);
            var (field, type) = ((int)(key >> 3), (int)(key & 7));
            switch (type)
            {
                case 0:
                    Varint(message, ref i);
                    break;
                case 1:
                    i += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref i);
                    if (field == number)
                    {
                        found.Add(message[i..(i + length)]);
                    }

                    i += length;
                    break;
                case 5:
                    i += 4;
                    break;
                default:
                    throw new InvalidDataException($"protobuf wire type {type} not expected in an OTLP export");
            }
        }

        return found;
    }

    /// <summary>A NumberDataPoint's <c>as_int</c> (field 6, sfixed64).</summary>
    private static long IntValue(byte[] point)
    {
        var i = 0;
        while (i < point.Length)
        {
            var key = Varint(point, ref i);
            var (field, type) = ((int)(key >> 3), (int)(key & 7));
            if (field == 6 && type == 1)
            {
                return System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(point.AsSpan(i, 8));
            }

            i += type switch
            {
                0 => SkipVarint(point, i),
                1 => 8,
                2 => LengthAndPrefix(point, i),
                5 => 4,
                _ => throw new InvalidDataException($"protobuf wire type {type} not expected in a data point"),
            };
        }

        return 0;
    }

    private static int SkipVarint(byte[] data, int at)
    {
        var i = at;
        Varint(data, ref i);
        return i - at;
    }

    private static int LengthAndPrefix(byte[] data, int at)
    {
        var i = at;
        var length = (int)Varint(data, ref i);
        return i - at + length;
    }

    private static ulong Varint(byte[] data, ref int i)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
