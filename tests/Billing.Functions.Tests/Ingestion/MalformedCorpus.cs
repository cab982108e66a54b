using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Billing.Application.Security;
using Billing.Functions.Tests.Fixtures;
using static Billing.Functions.Tests.Fixtures.UsageEvents;

namespace Billing.Functions.Tests.Ingestion;

/// <summary>The customers the corpus writes for: <see cref="Customer"/> (valid-looking events), <see cref="LateStart"/> (starts tomorrow), <see cref="Replayed"/> (originals of replayed signatures).</summary>
public sealed record CorpusContext(BillingApi Api, string Customer, string LateStart, string Replayed, string PortalKey);

/// <summary>One malformed request: how to build it (possibly after sending an original it replays), the 4xx it must get and the reason its problem details must name.</summary>
public sealed record MalformedRequest(string Name, HttpStatusCode Status, string Reason, Func<CorpusContext, Task<HttpRequestMessage>> Build)
{
    public override string ToString() => Name;
}

/// <summary>
/// Generated malformed <c>POST /api/usage</c> requests: broken JSON at every few positions, control characters,
/// non-JSON literals, wrong types for every field, out-of-range numbers, missing fields, unknown customers and
/// meters, events out of the time window, oversized bodies, wrong content types, wrong keys and signatures.
/// </summary>
public static partial class MalformedCorpus
{
    private const string Unprocessable = "unprocessable";

    public static IReadOnlyList<MalformedRequest> All { get; } = Build();

    public static MalformedRequest Named(string name) => All.Single(c => c.Name == name);

    private static List<MalformedRequest> Build()
    {
        var cases = new List<MalformedRequest>();
        BrokenJson(cases);
        WrongShapes(cases);
        WrongFieldTypes(cases);
        Numbers(cases);
        MissingFields(cases);
        UnknownNamesAndTimes(cases);
        BodyLimits(cases);
        ContentTypes(cases);
        Keys(cases);
        Signatures(cases);
        return cases;
    }

    /// <summary>A well-formed batch of two events for the corpus customer (ids fixed, so cut-off copies are comparable).</summary>
    private static string Valid(CorpusContext c) =>
        Batch([Calls("corpus-1", c.Customer, FixedInstant, 5), Event("corpus-2", c.Customer, TestCatalog.Devices, FixedInstant, new { device = "d1" })]);

    /// <summary>A quarter hour back, on the quarter: inside the accepted window whenever a test runs.</summary>
    private static DateTimeOffset FixedInstant
    {
        get
        {
            var at = DateTimeOffset.UtcNow.AddMinutes(-15);
            return new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute / 15 * 15, 0, TimeSpan.Zero);
        }
    }

    private static void BrokenJson(List<MalformedRequest> cases)
    {
        var sampleLength = Valid(new CorpusContext(null!, "corpus-xxxxxxxxxx", "", "", "")).Length;
        for (var cut = 0; cut < sampleLength; cut += 4)
        {
            var at = cut;
            cases.Add(Body($"cut off after {at} characters", HttpStatusCode.BadRequest, "$: not valid JSON", c => Valid(c)[..Math.Min(at, Valid(c).Length - 1)]));
        }

        for (var position = 1; position < sampleLength; position += 9)
        {
            var at = position;
            cases.Add(Body($"control character at {at}", HttpStatusCode.BadRequest, "$: not valid JSON", c => Valid(c).Insert(Math.Min(at, Valid(c).Length - 1), "\u0001")));
        }

        string[] literals = ["NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "0x10", "1e", "--1", "'5'", "undefined", "True", "nul"];
        foreach (var literal in literals)
        {
            cases.Add(Body($"{literal} literal as quantity", HttpStatusCode.BadRequest, "$: not valid JSON", c => WithQuantityLiteral(c, literal)));
        }

        cases.Add(Body("NaN literal as id", HttpStatusCode.BadRequest, "$: not valid JSON", c => Valid(c).Replace("\"corpus-1\"", "NaN", StringComparison.Ordinal)));
        cases.Add(Body("Infinity literal as at", HttpStatusCode.BadRequest, "$: not valid JSON", c => Valid(c).Replace($"\"{Timestamp(FixedInstant)}\"", "Infinity", StringComparison.Ordinal)));
        cases.Add(Body("trailing comma in an object", HttpStatusCode.BadRequest, "$: not valid JSON", c => Valid(c).Replace("}]}", ",}]}", StringComparison.Ordinal)));
        cases.Add(Body("trailing comma in the array", HttpStatusCode.BadRequest, "$: not valid JSON", c => Valid(c).Replace("]}", ",]}", StringComparison.Ordinal)));
        cases.Add(Body("single quotes", HttpStatusCode.BadRequest, "$: not valid JSON", c => Valid(c).Replace('"', '\'')));
        cases.Add(Body("unquoted keys", HttpStatusCode.BadRequest, "$: not valid JSON", c => Valid(c).Replace("\"id\"", "id", StringComparison.Ordinal)));
        cases.Add(Body("line comment", HttpStatusCode.BadRequest, "$: not valid JSON", c => "// usage\n" + Valid(c)));
        cases.Add(Body("block comment", HttpStatusCode.BadRequest, "$: not valid JSON", c => Valid(c).Replace("[", "[/* first */", StringComparison.Ordinal)));
        cases.Add(Body("two documents", HttpStatusCode.BadRequest, "$: not valid JSON", c => Valid(c) + Valid(c)));
        cases.Add(Body("trailing garbage", HttpStatusCode.BadRequest, "$: not valid JSON", c => Valid(c) + "x"));
        cases.Add(Body("whitespace only", HttpStatusCode.BadRequest, "$: not valid JSON", _ => "   \n  "));
        cases.Add(Body("unterminated string", HttpStatusCode.BadRequest, "$: not valid JSON", c => Valid(c).Replace("\"corpus-1\"", "\"corpus-1", StringComparison.Ordinal)));
        cases.Add(Body("bad escape", HttpStatusCode.BadRequest, "$: not valid JSON", c => Valid(c).Replace("corpus-1", "corpus\\x1", StringComparison.Ordinal)));
        cases.Add(Body("bad unicode escape", HttpStatusCode.BadRequest, "$: not valid JSON", c => Valid(c).Replace("corpus-1", "corpus\\u12G4", StringComparison.Ordinal)));
        cases.Add(Body("nesting deeper than 16", HttpStatusCode.BadRequest, "$: not valid JSON", c =>
            Valid(c).Replace("{\"quantity\":5}", "{\"quantity\":5,\"deep\":" + new string('[', 20) + new string(']', 20) + "}", StringComparison.Ordinal)));
        cases.Add(Bytes("invalid UTF-8", HttpStatusCode.BadRequest, "$: not valid UTF-8", c =>
            [.. Encoding.UTF8.GetBytes(Valid(c)[..20]), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(Valid(c)[20..])]));
        cases.Add(Bytes("UTF-16 encoded", HttpStatusCode.BadRequest, "$: not valid", c => Encoding.Unicode.GetBytes(Valid(c))));
    }

    private static void WrongShapes(List<MalformedRequest> cases)
    {
        foreach (var root in new[] { "[]", "[{}]", "\"events\"", "5", "true", "null" })
        {
            cases.Add(Body($"root is {root}", HttpStatusCode.BadRequest, "$: must be an event object or {\"events\": [...]}", _ => root));
        }

        foreach (var events in new[] { "\"x\"", "5", "{}", "null", "true" })
        {
            cases.Add(Body($"events is {events}", HttpStatusCode.BadRequest, "events: must be an array", _ => $"{{\"events\":{events}}}"));
        }

        cases.Add(Body("events is empty", HttpStatusCode.BadRequest, "events: is empty", _ => "{\"events\":[]}"));
        foreach (var count in new[] { 1001, 2500 })
        {
            cases.Add(Body($"{count} events", HttpStatusCode.BadRequest, $"events: has {count} events; at most 1000 per request", c =>
                Batch(Enumerable.Range(0, count).Select(i => Calls($"many-{i}", c.Customer, FixedInstant, 1)))));
        }

        foreach (var item in new[] { "1", "\"x\"", "null", "[]", "true" })
        {
            cases.Add(Body($"event is {item}", HttpStatusCode.UnprocessableEntity, "events[0]: must be an object", _ => $"{{\"events\":[{item}]}}"));
        }
    }

    private static void WrongFieldTypes(List<MalformedRequest> cases)
    {
        string[] wrong = ["42", "1.5", "true", "[]", "{}", "[\"x\"]"];
        foreach (var field in new[] { "id", "customer", "meter", "at" })
        {
            foreach (var value in wrong)
            {
                cases.Add(Field($"{field} is {value}", $"events[0].{field}: must be a string", field, value));
            }

            cases.Add(Field($"{field} is null", $"events[0].{field}: required", field, "null"));
            cases.Add(Field($"{field} is empty", $"events[0].{field}: must not be empty", field, "\"\""));
        }

        foreach (var at in new[] { "yesterday", "2026-01-01", "2026-01-01T10:00:00", "1700000000", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "10:00:00+08:00", "2026-01-01 10:00:00Z" })
        {
            cases.Add(Field($"at is '{at}'", $"events[0].at: '{at}' is not an ISO 8601 timestamp with an offset", "at", $"\"{at}\""));
        }

        foreach (var value in new[] { "42", "\"quantity\"", "[]", "[{\"quantity\":5}]", "true" })
        {
            cases.Add(Field($"properties is {value}", "events[0].properties: must be an object", "properties", value));
        }

        foreach (var value in new[] { "true", "false", "null", "[]", "[5]", "{}", "{\"value\":5}", "\"abc\"", "\"\"", "\"1,000\"", "\" 5\"", "\"5 \"", "\"0x10\"", "\"5 apples\"", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e400\"" })
        {
            cases.Add(Body($"quantity is {value}", HttpStatusCode.UnprocessableEntity, "events[0].properties: non-numeric property 'quantity'", c => WithQuantityLiteral(c, value)));
        }

        foreach (var value in new[] { "42", "true", "[]", "{}" })
        {
            cases.Add(Field($"receivedAt is {value}", "events[0].receivedAt: must be a string", "receivedAt", value));
        }

        foreach (var value in new[] { "soon", "2026-01-01", "2026-01-01T10:00:00" })
        {
            cases.Add(Field($"receivedAt is '{value}'", $"events[0].receivedAt: '{value}' is not an ISO 8601 timestamp with an offset", "receivedAt", $"\"{value}\""));
        }

        foreach (var (field, json, reason) in new[]
        {
            ("id", "\"\\ud800\"", "events[0].id: holds text that is not valid Unicode"),
            ("customer", "\"a\\udc00b\"", "events[0].customer: holds text that is not valid Unicode"),
            ("meter", "\"\\ud83d\"", "events[0].meter: holds text that is not valid Unicode"),
            ("properties", "{\"\\ud800\":5}", "events[0].properties: holds a property name that is not valid Unicode"),
            ("properties", "{\"quantity\":\"\\udfff\"}", "events[0].properties.quantity: holds text that is not valid Unicode"),
        })
        {
            cases.Add(Field($"{field} holds the lone surrogate {json}", reason, field, json));
        }

        // Named twice, which value counts would be the parser's choice rather than the sender's.
        cases.Add(Body("quantity named twice", HttpStatusCode.UnprocessableEntity, "events[0].properties.quantity: appears twice in one object", c => WithQuantityLiteral(c, "1,\"quantity\":2")));
        cases.Add(Field("customer named twice", "events[0].customer: appears twice in one object", "customer", "\"a\",\"customer\":\"b\""));
        cases.Add(Body("event is a list holding a lone surrogate", HttpStatusCode.UnprocessableEntity, "events[0][1]: holds text that is not valid Unicode", _ => Batch(["[\"ok\",\"\\ud800\"]"])));

        cases.Add(Body("unique-count value is an object", HttpStatusCode.UnprocessableEntity, "events[0].properties: property 'device' must be a string or a number", c => DeviceEvent(c).Replace("\"d1\"", "{\"d\":1}", StringComparison.Ordinal)));
        cases.Add(Body("unique-count value is a list", HttpStatusCode.UnprocessableEntity, "events[0].properties: property 'device' must be a string or a number", c => DeviceEvent(c).Replace("\"d1\"", "[1]", StringComparison.Ordinal)));
        cases.Add(Body("unique-count value is a boolean", HttpStatusCode.UnprocessableEntity, "events[0].properties: property 'device' must be a string or a number", c => DeviceEvent(c).Replace("\"d1\"", "false", StringComparison.Ordinal)));
        cases.Add(Field("id longer than 256 characters", "events[0].id: longer than 256 characters", "id", $"\"{new string('x', 257)}\""));
    }

    private static void Numbers(List<MalformedRequest> cases)
    {
        foreach (var value in new[] { "-1", "-0.001", "-1e3", "\"-5\"", "\"-0.5\"", "-1000000" })
        {
            cases.Add(Body($"quantity {value}", HttpStatusCode.UnprocessableEntity, "events[0].properties: negative quantity", c => WithQuantityLiteral(c, value)));
        }

        foreach (var value in new[] { "1e30", "\"1e30\"", "79228162514264337593543950336", "1e29" })
        {
            cases.Add(Body($"quantity {value}", HttpStatusCode.UnprocessableEntity, "events[0].properties: non-numeric property 'quantity'", c => WithQuantityLiteral(c, value)));
        }

        foreach (var value in new[] { "1e13", "\"1000000000000.5\"", "99999999999999999999" })
        {
            cases.Add(Body($"quantity {value}", HttpStatusCode.UnprocessableEntity, "events[0].properties: quantity above 1000000000000", c => WithQuantityLiteral(c, value)));
        }

        cases.Add(Body("max-meter value 1e30", HttpStatusCode.UnprocessableEntity, "events[0].properties: non-numeric property 'qps'", c =>
            Batch([$"{{\"id\":\"q-1\",\"customer\":\"{c.Customer}\",\"meter\":\"peak_qps\",\"at\":\"{Timestamp(FixedInstant)}\",\"properties\":{{\"qps\":1e30}}}}"])));
        cases.Add(Body("max-meter value negative", HttpStatusCode.UnprocessableEntity, "events[0].properties: negative quantity", c =>
            Batch([Event("q-2", c.Customer, TestCatalog.PeakQps, FixedInstant, new { qps = -2 })])));
    }

    private static void MissingFields(List<MalformedRequest> cases)
    {
        foreach (var field in new[] { "id", "customer", "meter", "at" })
        {
            cases.Add(Body($"{field} missing", HttpStatusCode.UnprocessableEntity, $"events[0].{field}: required", c => Batch([Without(Calls("m-1", c.Customer, FixedInstant, 5), field)])));
        }

        cases.Add(Body("id missing from a single event", HttpStatusCode.UnprocessableEntity, "id: required", c => Without(Calls("m-1", c.Customer, FixedInstant, 5), "id")));
        cases.Add(Body("properties missing on a sum meter", HttpStatusCode.UnprocessableEntity, "events[0].properties: missing property 'quantity'", c => Batch([Event("m-2", c.Customer, TestCatalog.Calls, FixedInstant)])));
        cases.Add(Body("property missing on a sum meter", HttpStatusCode.UnprocessableEntity, "events[0].properties: missing property 'quantity'", c => Batch([Event("m-3", c.Customer, TestCatalog.Calls, FixedInstant, new { Quantity = 5 })])));
        cases.Add(Body("properties missing on a max meter", HttpStatusCode.UnprocessableEntity, "events[0].properties: missing property 'qps'", c => Batch([Event("m-4", c.Customer, TestCatalog.PeakQps, FixedInstant)])));
        cases.Add(Body("properties missing on a unique-count meter", HttpStatusCode.UnprocessableEntity, "events[0].properties: missing property 'device'", c => Batch([Event("m-5", c.Customer, TestCatalog.Devices, FixedInstant)])));
        cases.Add(Body("empty event object", HttpStatusCode.UnprocessableEntity, "events[0].id: required", _ => "{\"events\":[{}]}"));
        cases.Add(Body("empty object", HttpStatusCode.UnprocessableEntity, "id: required", _ => "{}"));
        cases.Add(Body("single event for an unknown customer", HttpStatusCode.UnprocessableEntity, "customer: unknown customer 'nobody'", _ => Calls("n-0", "nobody", FixedInstant, 1)));
        cases.Add(Body("single event with a negative quantity", HttpStatusCode.UnprocessableEntity, "properties: negative quantity", c => Calls("n-00", c.Customer, FixedInstant, -1)));
    }

    private static void UnknownNamesAndTimes(List<MalformedRequest> cases)
    {
        cases.Add(Body("unknown customer", HttpStatusCode.UnprocessableEntity, "events[0].customer: unknown customer 'nobody'", _ => Batch([Calls("n-1", "nobody", FixedInstant, 1)])));
        cases.Add(Body("customer in other case", HttpStatusCode.UnprocessableEntity, "events[0].customer: unknown customer", c => Batch([Calls("n-2", c.Customer.ToUpperInvariant(), FixedInstant, 1)])));
        cases.Add(Body("customer with a trailing space", HttpStatusCode.UnprocessableEntity, "events[0].customer: unknown customer", c => Batch([Calls("n-3", c.Customer + " ", FixedInstant, 1)])));
        cases.Add(Body("unknown meter", HttpStatusCode.UnprocessableEntity, "events[0].meter: unknown meter 'gpu_hours'", c => Batch([Event("n-4", c.Customer, "gpu_hours", FixedInstant, new { quantity = 1 })])));
        cases.Add(Body("meter in other case", HttpStatusCode.UnprocessableEntity, "events[0].meter: unknown meter 'API_CALLS'", c => Batch([Event("n-5", c.Customer, "API_CALLS", FixedInstant, new { quantity = 1 })])));
        cases.Add(Body("every event unknown", HttpStatusCode.UnprocessableEntity, "events[2].meter: unknown meter 'x'", c =>
            Batch([Calls("n-6", "nobody", FixedInstant, 1), Calls("n-7", "nobody-else", FixedInstant, 1), Event("n-8", c.Customer, "x", FixedInstant, new { quantity = 1 })])));
        foreach (var (name, offset) in new[] { ("10 minutes ahead", TimeSpan.FromMinutes(10)), ("a day ahead", TimeSpan.FromDays(1)), ("a year ahead", TimeSpan.FromDays(365)) })
        {
            cases.Add(Body($"event time {name}", HttpStatusCode.UnprocessableEntity, "events[0].at: event time more than 5 minutes ahead of the clock", c => Batch([Calls("f-1", c.Customer, DateTimeOffset.UtcNow + offset, 1)])));
        }

        foreach (var days in new[] { 36, 400, 3650 })
        {
            cases.Add(Body($"event time {days} days old", HttpStatusCode.UnprocessableEntity, "events[0].at: event time older than 35 days", c => Batch([Calls("o-1", c.Customer, DateTimeOffset.UtcNow.AddDays(-days), 1)])));
        }

        cases.Add(Body("event before the customer starts", HttpStatusCode.UnprocessableEntity, "events[0].at: event time before customer", c => Batch([Calls("s-1", c.LateStart, FixedInstant, 1)])));
    }

    private static string DeviceEvent(CorpusContext c) => Batch([Event("corpus-2", c.Customer, TestCatalog.Devices, FixedInstant, new { device = "d1" })]);

    /// <summary>A batch of one event whose quantity is written as the given JSON text.</summary>
    private static string WithQuantityLiteral(CorpusContext c, string literal) =>
        Batch([Calls("corpus-1", c.Customer, FixedInstant, 5)]).Replace("{\"quantity\":5}", "{\"quantity\":" + literal + "}", StringComparison.Ordinal);

    /// <summary>A batch of one event whose <paramref name="field"/> holds the given JSON text, written as is.</summary>
    private static MalformedRequest Field(string name, string reason, string field, string json) =>
        Body(name, HttpStatusCode.UnprocessableEntity, reason, c =>
        {
            const string placeholder = "\"__field__\"";
            var fields = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["id"] = "w-1",
                ["customer"] = c.Customer,
                ["meter"] = TestCatalog.Calls,
                ["at"] = Timestamp(FixedInstant),
                ["properties"] = new { quantity = 5 },
            };
            fields[field] = "__field__";
            return Batch([System.Text.Json.JsonSerializer.Serialize(fields).Replace(placeholder, json, StringComparison.Ordinal)]);
        });

    private static string Without(string eventJson, string field)
    {
        var fields = System.Text.Json.Nodes.JsonNode.Parse(eventJson)!.AsObject();
        fields.Remove(field);
        return fields.ToJsonString();
    }

    private static MalformedRequest Body(string name, HttpStatusCode status, string reason, Func<CorpusContext, string> body) =>
        new(name, status, reason, c => Task.FromResult(Bearer(c.Api.Request(HttpMethod.Post, "api/usage", body(c)))));

    private static MalformedRequest Bytes(string name, HttpStatusCode status, string reason, Func<CorpusContext, byte[]> body) =>
        new(name, status, reason, c =>
        {
            var request = Bearer(c.Api.Request(HttpMethod.Post, "api/usage"));
            request.Content = new ByteArrayContent(body(c));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return Task.FromResult(request);
        });

    private static HttpRequestMessage Bearer(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostFixture.IngestKey);
        return request;
    }
}
