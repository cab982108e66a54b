namespace Billing.Functions.Tests.Fixtures;

/// <summary>
/// The catalog every test runs against (UTC, so usage buckets are plain UTC hours and days): one meter of each
/// aggregation and one plan. Customers start 60 days back so that event-age limits, not start dates, decide.
/// </summary>
public static class TestCatalog
{
    public const string Calls = "api_calls";
    public const string PeakQps = "peak_qps";
    public const string Devices = "active_devices";
    public const string Activations = "sdk_activations";
    public const string Plan = "standard";

    public const string Json = """
        {
          "timezone": "UTC",
          "currency": "USD",
          "meters": [
            { "code": "api_calls", "aggregation": "sum", "property": "quantity" },
            { "code": "peak_qps", "aggregation": "max", "property": "qps" },
            { "code": "active_devices", "aggregation": "unique_count", "property": "device" },
            { "code": "sdk_activations", "aggregation": "count" }
          ],
          "plans": [{
            "code": "standard",
            "period": "month",
            "paymentTermsDays": 30,
            "charges": [
              { "code": "calls", "meter": "api_calls", "model": "per_unit", "unitPrice": "0.01" },
              { "code": "platform", "model": "flat", "amount": "10.00" }
            ]
          }]
        }
        """;

    /// <summary>A customer id no other test uses.</summary>
    public static string NewCustomerId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
}
