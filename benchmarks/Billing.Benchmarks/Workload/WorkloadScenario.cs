using System.Globalization;
using System.Text;

namespace Billing.Benchmarks.Workload;

/// <summary>
/// The scenario document of a workload without its events (those are streamed, see <see cref="EventStream"/>):
/// one monthly plan with a graduated charge on a sum meter, a package charge on a count meter, a volume
/// charge on a max meter and a platform fee; free quota; monthly and once packs (some carried over into a
/// successor); coupons, tax, a few credit limits, sub-accounts of every kind and a monthly payment.
/// </summary>
internal static class WorkloadScenario
{
    public const string TimeZone = "Asia/Shanghai";
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    public static string CustomerId(int index) => "cust-" + index.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Customer 50, 100, ... is a sub-account of the customer before it: pooled, separate, independent in turn.</summary>
    public static string? ChildBillingOf(int index) => index > 0 && index % 50 == 0 ? ((index / 50) % 3) switch
    {
        0 => "pooled",
        1 => "separate",
        _ => "independent",
    } : null;

    public static DateTimeOffset End(WorkloadShape shape) => Start.AddMonths(shape.Months).AddHours(3);

    public static string Json(WorkloadShape shape)
    {
        var json = new StringBuilder(1 << 20);
        json.Append(CultureInfo.InvariantCulture, $$"""
            {
              "start": "{{Instant(Start)}}", "end": "{{Instant(End(shape))}}", "timezone": "{{TimeZone}}", "currency": "CNY",
              "meters": [
                { "code": "api_calls", "aggregation": "sum", "property": "quantity" },
                { "code": "sessions", "aggregation": "count" },
                { "code": "peak_qps", "aggregation": "max", "property": "qps" }
              ],
              "plans": [{
                "code": "growth", "period": "month", "paymentTermsDays": 30,
                "charges": [
                  { "code": "calls", "meter": "api_calls", "model": "graduated",
                    "tiers": [ { "upTo": "100000", "unitPrice": "0.0100" }, { "upTo": "1000000", "unitPrice": "0.0080" }, { "upTo": null, "unitPrice": "0.0050" } ] },
                  { "code": "sessions", "meter": "sessions", "model": "package", "packageSize": "100", "packagePrice": "1.50" },
                  { "code": "qps", "meter": "peak_qps", "model": "volume",
                    "tiers": [ { "upTo": "10", "unitPrice": "20" }, { "upTo": "50", "unitPrice": "15" }, { "upTo": null, "unitPrice": "12" } ] },
                  { "code": "platform", "model": "flat", "amount": "99.00" }
                ],
                "freeQuota": [ { "meter": "api_calls", "quantity": "5000", "per": "period" } ]
              }],
              "customers": [
            """);
        for (var i = 0; i < shape.Customers; i++)
        {
            AppendCustomer(json, i, shape);
        }

        json.Append("],\n\"payments\": [\n");
        var first = true;
        for (var i = 0; i < shape.Customers; i++)
        {
            if (ChildBillingOf(i) is "pooled" or "separate")
            {
                continue;
            }

            for (var month = 0; month < shape.Months; month++)
            {
                json.Append(first ? string.Empty : ",\n");
                first = false;
                json.Append(CultureInfo.InvariantCulture, $$"""{ "id": "pay-{{CustomerId(i)}}-{{month}}", "customer": "{{CustomerId(i)}}", "at": "{{Instant(Start.AddMonths(month).AddDays(19))}}", "amount": "{{(300 + (i % 7 * 100)).ToString(CultureInfo.InvariantCulture)}}.00" }""");
            }
        }

        json.Append("]\n}\n");
        return json.ToString();
    }

    private static void AppendCustomer(StringBuilder json, int i, WorkloadShape shape)
    {
        var id = CustomerId(i);
        json.Append(i == 0 ? string.Empty : ",\n");
        json.Append(CultureInfo.InvariantCulture, $$"""{ "id": "{{id}}", "name": "Customer {{i}}", "email": "{{id}}@example.test", "plan": "growth", "taxRate": "0.06" """);
        if (i % 5 == 0)
        {
            json.Append(""", "coupons": [ { "code": "WELCOME", "percentOff": "10", "periods": 3 } ]""");
        }

        if (i % 100 == 7)
        {
            json.Append(""", "creditLimit": "50000.00" """);
        }

        if (ChildBillingOf(i) is { } billing)
        {
            json.Append(CultureInfo.InvariantCulture, $$""", "parent": "{{CustomerId(i - 1)}}", "childBilling": "{{billing}}" """);
        }

        var packs = new List<string>();
        var year = Instant(Start.AddMonths(shape.Months));
        if (i % 4 == 0)
        {
            packs.Add($$"""{ "code": "monthly-calls", "meter": "api_calls", "quantity": "{{10_000 * shape.Months}}", "price": "{{80 * shape.Months}}.00", "purchasedAt": "{{Instant(Start)}}", "validFrom": "{{Instant(Start)}}", "validTo": "{{year}}", "allocation": "monthly", "carryOver": false }""");
        }

        if (i % 10 == 1)
        {
            var half = Start.AddMonths(Math.Max(1, shape.Months / 2));
            packs.Add($$"""{ "code": "bulk-calls", "meter": "api_calls", "quantity": "100000", "price": "700.00", "purchasedAt": "{{Instant(Start)}}", "validFrom": "{{Instant(Start)}}", "validTo": "{{Instant(half)}}", "allocation": "once", "carryOver": true }""");
            packs.Add($$"""{ "code": "bulk-calls-2", "meter": "api_calls", "quantity": "100000", "price": "700.00", "purchasedAt": "{{Instant(half.AddDays(-10))}}", "validFrom": "{{Instant(half.AddDays(-10))}}", "validTo": "{{Instant(half.AddMonths(shape.Months))}}", "allocation": "once", "carryOver": true }""");
        }

        if (i % 7 == 0)
        {
            packs.Add($$"""{ "code": "sessions", "meter": "sessions", "quantity": "2000", "price": "25.00", "purchasedAt": "{{Instant(Start)}}", "validFrom": "{{Instant(Start)}}", "validTo": "{{year}}", "allocation": "once", "carryOver": false }""");
        }

        if (packs.Count > 0)
        {
            json.Append(", \"packs\": [ ").AppendJoin(", ", packs).Append(" ]");
        }

        json.Append(" }");
    }

    /// <summary>The instant in UTC as <c>yyyy-MM-ddTHH:mm:ssZ</c> (written digit by digit: it is made for every event).</summary>
    public static string Instant(DateTimeOffset instant) =>
        string.Create(20, instant.UtcDateTime, static (text, utc) =>
        {
            Digits(text[..4], utc.Year);
            text[4] = '-';
            Digits(text.Slice(5, 2), utc.Month);
            text[7] = '-';
            Digits(text.Slice(8, 2), utc.Day);
            text[10] = 'T';
            Digits(text.Slice(11, 2), utc.Hour);
            text[13] = ':';
            Digits(text.Slice(14, 2), utc.Minute);
            text[16] = ':';
            Digits(text.Slice(17, 2), utc.Second);
            text[19] = 'Z';
        });

    private static void Digits(Span<char> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}
