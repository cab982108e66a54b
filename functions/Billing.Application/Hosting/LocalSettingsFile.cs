using System.Text.Json;
using Billing.Storage.Emulator;

namespace Billing.Application.Hosting;

/// <summary>
/// Reads the Functions <c>local.settings.json</c>: its <c>Values</c> become configuration keys with <c>__</c> read as
/// the section separator (<c>Billing__AdminKey</c> is <c>Billing:AdminKey</c>), <c>ConnectionStrings</c> become
/// <c>ConnectionStrings:name</c>, and <c>Host:LocalHttpPort</c> is kept as <c>Host:LocalHttpPort</c>.
/// Looked for in the content root, then the function app's folder (<c>functions/Billing.Functions</c>, where
/// <c>func start</c> reads it too), then the repository root: the first of these folders that holds
/// <c>local.settings.json</c> or the committed <c>local.settings.sample.json</c> supplies the settings, and within it
/// <c>local.settings.json</c> wins; the sample is read only where <c>local.settings.json</c> is missing (and only in
/// Development), and never supplies a secret (<see cref="IsSecret"/>). <c>IsEncrypted: true</c> files are refused.
/// </summary>
internal static class LocalSettingsFile
{
    public const string FileName = "local.settings.json";
    public const string SampleFileName = "local.settings.sample.json";

    /// <summary>The settings file to read: <c>local.settings.json</c>, else (when <paramref name="sampleAllowed"/>) the sample, from the first folder holding either.</summary>
    public static string? Locate(string contentRoot, bool sampleAllowed)
    {
        string? repository = RepositoryRoot.TryFind();
        string? functionApp = repository is null ? null : Path.Combine(repository, "functions", "Billing.Functions");
        foreach (string? folder in new[] { contentRoot, functionApp, repository })
        {
            if (folder is null)
            {
                continue;
            }

            if (File.Exists(Path.Combine(folder, FileName)))
            {
                return Path.Combine(folder, FileName);
            }

            if (File.Exists(Path.Combine(folder, SampleFileName)))
            {
                return sampleAllowed ? Path.Combine(folder, SampleFileName) : null;
            }
        }

        return null;
    }

    /// <summary>
    /// True for a setting that grants access or pays for something: a name part ending in <c>Key</c>, <c>Keys</c>,
    /// <c>Secret</c> or <c>Password</c> (<c>Billing:AdminKey</c>, <c>Billing:IngestKeys:0</c>,
    /// <c>Billing:SigningSecret</c>, <c>SendGrid:ApiKey</c>, <c>Pdf:LicenseKey</c>), and a storage connection
    /// string other than the emulator's public one.
    /// </summary>
    public static bool IsSecret(string name, string? value)
    {
        if (string.Equals(name, StorageHostExtensions.ConnectionSetting, StringComparison.OrdinalIgnoreCase))
        {
            return !string.Equals(value?.Trim().TrimEnd(';'), "UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);
        }

        return name.Split(':').Any(part =>
            part.EndsWith("Key", StringComparison.OrdinalIgnoreCase)
            || part.EndsWith("Keys", StringComparison.OrdinalIgnoreCase)
            || part.EndsWith("Secret", StringComparison.OrdinalIgnoreCase)
            || part.EndsWith("Password", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The settings of <paramref name="path"/>; from the sample without its secrets.</summary>
    public static Dictionary<string, string?> ReadSettings(string path)
    {
        Dictionary<string, string?> settings = Read(path);
        if (string.Equals(Path.GetFileName(path), SampleFileName, StringComparison.Ordinal))
        {
            foreach (string name in settings.Where(s => IsSecret(s.Key, s.Value)).Select(s => s.Key).ToList())
            {
                settings.Remove(name);
            }
        }

        return settings;
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
