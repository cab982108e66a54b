using System.Globalization;
using System.Text.Json;

namespace Billing.LocalHost.Functions;

/// <summary>
/// The settings of the function app's <c>host.json</c> that the local host honours, with the Functions defaults for
/// what the file leaves out: the HTTP route prefix, and the queue trigger's batch size, new-batch threshold, maximum
/// dequeue count (then <c>&lt;queue&gt;-poison</c>), maximum polling interval, visibility timeout after a failure and
/// message encoding. As in Functions, an app setting <c>AzureFunctionsJobHost__extensions__queues__batchSize</c>
/// (environment or <c>local.settings.json</c>; any setting read here, by its path in the file) wins over the file.
/// Other sections (logging, Durable) are the Functions host's; the local host configures logging from its own settings.
/// </summary>
public sealed record HostJson(
    string RoutePrefix,
    int QueueBatchSize,
    int QueueNewBatchThreshold,
    int QueueMaxDequeueCount,
    TimeSpan QueueMaxPollingInterval,
    TimeSpan QueueVisibilityTimeout,
    string QueueMessageEncoding)
{
    public const string FileName = "host.json";

    /// <summary>The configuration section whose keys override the file's, as the Functions host reads them.</summary>
    public const string OverrideSection = "AzureFunctionsJobHost";

    /// <summary>The file next to the host's assembly (copied there from the function app by the build), with the app settings' overrides.</summary>
    public static HostJson Load(IConfiguration? settings = null) => Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, FileName)), settings);

    /// <summary>
    /// Reads <paramref name="json"/>; a key of <paramref name="settings"/> under <see cref="OverrideSection"/> with a
    /// setting's path (<c>AzureFunctionsJobHost:extensions:queues:maxPollingInterval</c>) replaces that setting. A value
    /// that does not parse stops the host, naming the setting.
    /// </summary>
    public static HostJson Read(string json, IConfiguration? settings = null)
    {
        using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var file = new Settings(document.RootElement, settings?.GetSection(OverrideSection));
        int batchSize = file.Int("extensions:queues:batchSize", 16);
        return new HostJson(
            file.String("extensions:http:routePrefix", "api"),
            batchSize,
            file.Int("extensions:queues:newBatchThreshold", batchSize / 2),
            file.Int("extensions:queues:maxDequeueCount", 5),
            file.Span("extensions:queues:maxPollingInterval", TimeSpan.FromMinutes(1)),
            file.Span("extensions:queues:visibilityTimeout", TimeSpan.Zero),
            file.String("extensions:queues:messageEncoding", "base64"));
    }

    /// <summary>A setting by its path: the override when there is one, else the file's value, else the Functions default.</summary>
    private readonly record struct Settings(JsonElement Root, IConfiguration? Overrides)
    {
        public string String(string path, string fallback) =>
            Overrides?[path] is { } overridden ? overridden
            : Element(path) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : fallback;

        public int Int(string path, int fallback) =>
            Overrides?[path] is { } overridden ? Parse(path, overridden, s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture))
            : Element(path) is { ValueKind: JsonValueKind.Number } value ? value.GetInt32() : fallback;

        public TimeSpan Span(string path, TimeSpan fallback) =>
            Overrides?[path] is { } overridden ? Parse(path, overridden, s => TimeSpan.Parse(s, CultureInfo.InvariantCulture))
            : Element(path) is { ValueKind: JsonValueKind.String } value ? TimeSpan.Parse(value.GetString()!, CultureInfo.InvariantCulture) : fallback;

        private JsonElement Element(string path)
        {
            JsonElement element = Root;
            foreach (string name in path.Split(':'))
            {
                element = element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) ? value : default;
            }

            return element;
        }

        private static T Parse<T>(string path, string value, Func<string, T> parse)
        {
            try
            {
                return parse(value);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException($"{OverrideSection}__{path.Replace(":", "__", StringComparison.Ordinal)} '{value}' is not a valid value.");
            }
            catch (OverflowException)
            {
                throw new InvalidOperationException($"{OverrideSection}__{path.Replace(":", "__", StringComparison.Ordinal)} '{value}' is out of range.");
            }
        }
    }
}
