using System.Text.Json;
using Billing.Storage.Emulator;

namespace Billing.Functions.Hosting;

/// <summary>
/// Reads the Functions <c>local.settings.json</c>: its <c>Values</c> become configuration keys with <c>__</c> read as
/// the section separator (<c>Billing__AdminKey</c> is <c>Billing:AdminKey</c>), <c>ConnectionStrings</c> become
/// <c>ConnectionStrings:name</c>, and <c>Host:LocalHttpPort</c> is kept as <c>Host:LocalHttpPort</c>.
/// Looked for in the content root, then the repository root. <c>IsEncrypted: true</c> files are refused.
/// </summary>
internal static class LocalSettingsFile
{
    public const string FileName = "local.settings.json";
    public const string SampleFileName = "local.settings.sample.json";

    public static string? Locate(string contentRoot, string fileName)
    {
        foreach (string? folder in new[] { contentRoot, RepositoryRoot.TryFind() })
        {
            if (folder is not null && File.Exists(Path.Combine(folder, fileName)))
            {
                return Path.Combine(folder, fileName);
            }
        }

        return null;
    }

    public static Dictionary<string, string?> Read(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        JsonElement root = document.RootElement;
        if (root.TryGetProperty("IsEncrypted", out JsonElement encrypted) && encrypted.ValueKind == JsonValueKind.True)
        {
            throw new InvalidOperationException($"{path} is encrypted; decrypt it (func settings decrypt) or use plain values.");
        }

        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty("Values", out JsonElement values))
        {
            foreach (JsonProperty value in values.EnumerateObject())
            {
                settings[value.Name.Replace("__", ":", StringComparison.Ordinal)] = Text(value.Value);
            }
        }

        if (root.TryGetProperty("ConnectionStrings", out JsonElement connectionStrings))
        {
            foreach (JsonProperty connection in connectionStrings.EnumerateObject())
            {
                settings["ConnectionStrings:" + connection.Name] = Text(connection.Value);
            }
        }

        if (root.TryGetProperty("Host", out JsonElement host) && host.TryGetProperty("LocalHttpPort", out JsonElement port))
        {
            settings["Host:LocalHttpPort"] = Text(port);
        }

        return settings;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };
}
