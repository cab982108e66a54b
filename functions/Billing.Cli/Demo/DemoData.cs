namespace Billing.Cli.Demo;

/// <summary>The demo's tenant: a Shanghai API provider billing in CNY, one English and one Chinese customer.</summary>
internal static class DemoData
{
    public const string Start = "2026-01-01T00:00:00+08:00";

    /// <summary>The catalog's time zone, in which the demo shows instants as its customers see them.</summary>
    public const string TimeZone = "Asia/Shanghai";

    public const string Catalog = """
        {
          "timezone": "Asia/Shanghai",
          "currency": "CNY",
          "meters": [
            { "code": "api_calls", "aggregation": "sum", "property": "quantity", "name": "API calls", "unit": "calls" },
            { "code": "egress_gb", "aggregation": "sum", "property": "gb", "rounding": { "increment": "1", "mode": "up" }, "name": "Data transfer out", "unit": "GB" }
          ],
          "plans": [{
            "code": "api-standard",
            "period": "month",
            "paymentTermsDays": 30,
            "charges": [
              { "code": "calls", "meter": "api_calls", "model": "graduated",
                "tiers": [ { "upTo": "100000", "unitPrice": "0.010" }, { "upTo": "1000000", "unitPrice": "0.008" }, { "upTo": null, "unitPrice": "0.005" } ] },
              { "code": "egress", "meter": "egress_gb", "model": "per_unit", "unitPrice": "0.80" },
              { "code": "platform", "model": "flat", "amount": "99.00", "name": "Platform fee" }
            ],
            "freeQuota": [ { "meter": "api_calls", "quantity": "10000", "per": "period" } ]
          }]
        }
        """;

    /// <summary>The customer that pays its January invoice in full on Feb 20; the other one is reminded.</summary>
    public const string PayingCustomer = "acme";

    /// <summary>Customer id, document (scenario format, without id) and typical calls per hour.</summary>
    public static readonly (string Id, string Document, int CallsPerHour)[] Customers =
    [
        ("acme", """{"name":"Acme Ltd","email":"billing@acme.test","plan":"api-standard","taxRate":"0.06","startsAt":"2026-01-01T00:00:00+08:00","coupons":[{"code":"WELCOME","percentOff":"10","periods":1}]}""", 180),
        ("yunji", """{"name":"上海云计算有限公司","email":"finance@yunji.test","plan":"api-standard","taxRate":"0.06","locale":"zh-CN","startsAt":"2026-01-01T00:00:00+08:00"}""", 420),
    ];
}
