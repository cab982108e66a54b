using System.Globalization;
using System.Text;

namespace Billing.IngestBenchmark;

/// <summary>
/// What is posted: a UTC catalog with two sum meters, <see cref="BenchmarkOptions.Customers"/> customers, and
/// the events cut into request bodies ahead of time (so building them is not measured). Batch <c>j</c> belongs
/// to customer <c>j mod customers</c> and alternates the meter every round of customers; its events fall in the
/// 90 minutes before the run started. With <see cref="BenchmarkOptions.Mixed"/>, event <c>k</c> of every batch
/// belongs to customer <c>(j + k) mod customers</c> instead (a gateway's log shipper: each batch spread over all
/// customers). The expected totals per customer and meter are what the aggregates must read back.
/// </summary>
internal sealed class Workload
{
    public static readonly string[] Meters = ["api_calls", "storage_ops"];

    public const string Plan = "bench";

    public const string CatalogJson = """
        {
          "timezone": "UTC",
          "currency": "USD",
          "meters": [
            { "code": "api_calls", "aggregation": "sum", "property": "quantity" },
            { "code": "storage_ops", "aggregation": "sum", "property": "quantity" }
          ],
          "plans": [{
            "code": "bench",
            "period": "month",
            "paymentTermsDays": 30,
            "charges": [
              { "code": "calls", "meter": "api_calls", "model": "per_unit", "unitPrice": "0.001" },
              { "code": "storage", "meter": "storage_ops", "model": "per_unit", "unitPrice": "0.0001" }
            ]
          }]
        }
        """;

    private Workload(IReadOnlyList<string> customers, IReadOnlyList<byte[]> bodies, IReadOnlyList<int> sizes, Dictionary<(string Customer, string Meter), (decimal Sum, long Count)> expected, DateTimeOffset first, DateTimeOffset last)
    {
        Customers = customers;
        Bodies = bodies;
        Sizes = sizes;
        Expected = expected;
        FirstEvent = first;
        LastEvent = last;
    }

    public IReadOnlyList<string> Customers { get; }

    /// <summary>The request bodies, <c>{"events": [...]}</c>, UTF-8.</summary>
    public IReadOnlyList<byte[]> Bodies { get; }

    /// <summary>Events in each body.</summary>
    public IReadOnlyList<int> Sizes { get; }

    public IReadOnlyDictionary<(string Customer, string Meter), (decimal Sum, long Count)> Expected { get; }

    public DateTimeOffset FirstEvent { get; }

    public DateTimeOffset LastEvent { get; }

    public long TotalEvents => Sizes.Sum(s => (long)s);

    public static string CustomerJson(string id, DateTimeOffset startsAt) =>
        $$"""{"name":"{{id}}","email":"{{id}}@bench.test","plan":"{{Plan}}","startsAt":"{{Timestamp(startsAt)}}"}""";

    public static Workload Create(BenchmarkOptions options, DateTimeOffset now)
    {
        var run = now.ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture);
        var customers = Enumerable.Range(0, options.Customers).Select(c => string.Create(CultureInfo.InvariantCulture, $"bench-{c:D4}")).ToList();
        var start = now.AddMinutes(-90);
        var span = TimeSpan.FromMinutes(89);
        var expected = new Dictionary<(string, string), (decimal Sum, long Count)>();
        var bodies = new List<byte[]>(options.Batches);
        var sizes = new List<int>(options.Batches);
        var builder = new StringBuilder(options.BatchSize * 160);
        var first = DateTimeOffset.MaxValue;
        var last = DateTimeOffset.MinValue;
        var remaining = options.Events;
        for (var batch = 0; remaining > 0; batch++)
        {
            var size = Math.Min(options.BatchSize, remaining);
            remaining -= size;
            var meter = Meters[batch / customers.Count % Meters.Length];
            builder.Clear().Append("{\"events\":[");
            for (var k = 0; k < size; k++)
            {
                var at = start + span * ((double)k / size) + TimeSpan.FromMilliseconds(batch % 1000);
                first = at < first ? at : first;
                last = at > last ? at : last;
                var quantity = 1 + ((batch * 31) + k) % 10;
                var customer = customers[(options.Mixed ? batch + k : batch) % customers.Count];
                var total = expected.GetValueOrDefault((customer, meter));
                expected[(customer, meter)] = (total.Sum + quantity, total.Count + 1);
                if (k > 0)
                {
                    builder.Append(',');
                }

                builder.Append(CultureInfo.InvariantCulture, $$$"""{"id":"{{{run}}}-{{{batch:D6}}}-{{{k:D4}}}","customer":"{{{customer}}}","meter":"{{{meter}}}","at":"{{{Timestamp(at)}}}","properties":{"quantity":{{{quantity}}},"region":"eu-west"}}""");
            }

            builder.Append("]}");
            bodies.Add(Encoding.UTF8.GetBytes(builder.ToString()));
            sizes.Add(size);
        }

        return new Workload(customers, bodies, sizes, expected, first, last);
    }

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
