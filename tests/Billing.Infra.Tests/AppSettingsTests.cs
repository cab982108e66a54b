using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Infra.Tests.Bicep;
using Billing.Infra.Tests.Code;
using Billing.Storage.Connection;

namespace Billing.Infra.Tests;

/// <summary>
/// The function app's settings in the template against the code: every setting the code reads is set by the template or
/// listed in <see cref="Optional"/> with the reason it may stay unset in Azure; the settings the Functions host resolves
/// itself are always set; secrets are Key Vault references; storage is identity-based in a form the code accepts.
/// </summary>
public sealed class AppSettingsTests
{
    /// <summary>Settings the template leaves unset, and why that is right in Azure.</summary>
    private static readonly Dictionary<string, string> Optional = new(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage"] = "a connection string; in Azure the connection is identity-based (__accountName, __credential, __clientId)",
        ["AzureWebJobsStorage__tableServiceUri"] = "derived from __accountName (public cloud)",
        ["AzureWebJobsStorage__blobServiceUri"] = "derived from __accountName (public cloud)",
        ["AzureWebJobsStorage__queueServiceUri"] = "derived from __accountName (public cloud)",
        ["AzureFunctionsJobHost__id"] = "the local host's lock id; in Azure WEBSITE_SITE_NAME names the host",
        ["LocalHost__QueueMessageLease"] = "the local host's lease on a running queue message; in Azure the Functions host leases and renews messages itself",
        ["WEBSITE_SITE_NAME"] = "set by App Service",
        ["Azurite__Location"] = "local runs only: Azure has no Azurite",
        ["shutdownTimeoutSeconds"] = "the local host's graceful stop; the Functions host has its own",
        ["urls"] = "the local host's address",
        ["http_ports"] = "the local host's address",
        ["https_ports"] = "the local host's address",
        ["Host__LocalHttpPort"] = "the local host's port (local.settings.json)",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "an OTLP collector of your own; Azure reports to Application Insights (APPLICATIONINSIGHTS_CONNECTION_STRING)",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "with OTEL_EXPORTER_OTLP_ENDPOINT only",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "with OTEL_EXPORTER_OTLP_ENDPOINT only",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "with OTEL_EXPORTER_OTLP_ENDPOINT only",
        ["Pdf__LicenseKey"] = "a commercial PDFsharp key; without one PDFsharp runs under the AGPL, as the project does",
        ["Pdf__LatinFontFolder"] = "Pdf__FontFolder (the pdfFontFolder parameter) sets both font folders",
        ["Pdf__CjkFontFolder"] = "Pdf__FontFolder (the pdfFontFolder parameter) sets both font folders",
        ["Billing__Clock"] = "the system clock by default; simulated is for local runs and demos",
        ["Billing__ClockStart"] = "the simulated clock's start only",
        ["Billing__CrashAfter"] = "recovery tests only; never set in Azure",
        ["Billing__FailAt"] = "recovery tests only (an injected fault); never set in Azure",
        ["Billing__SettlementBatchSize"] = "defaults to 50 customers per settlement batch activity; set only to tune a large cycle",
        ["Billing__MaxEventAgeDays"] = "the code's default (35 days)",
        ["Billing__MaxClockSkew"] = "the code's default (5 minutes)",
        ["Billing__UsageShards"] = "the code's default (4); changing it moves usage partitions",
        ["Billing__MaxEventsPerRequest"] = "the code's default (1,000)",
        ["Billing__MaxBodyBytes"] = "the code's default (1 MiB)",
        ["Billing__SpikeFactor"] = "the code's default (5)",
        ["Billing__LateArrivalGraceHours"] = "the code's default (2 hours, the scenario format's)",
        ["Billing__Issuer"] = "the code's default numbering issuer (main)",
        ["Billing__InvoiceNumberFormat"] = "the code's default (INV-{yyyy}-{seq:000000})",
        ["Billing__ImportParallelism"] = "the code's default (4)",
        ["Billing__ImportLease"] = "the code's default (5 minutes)",
        ["Billing__ImportMaxFileBytes"] = "the code's default (64 MiB)",
        ["Billing__PoisonQueueReadInterval"] = "the code's default (1 minute between reads of the poison queues' counts)",
        ["Billing__DunningLadders__"] = "per-risk ladders are optional; customers without one follow the catalog's dunning",
        ["Billing__ImportMappings__"] = "CSV mappings are needed only for dropped usage files",
        ["Billing__StatusWebhooks__"] = "outgoing webhooks are optional (receiver URL, secret and event types are the operator's)",
        ["ServiceBusConnection"] = "integration events on Service Bus are optional; in Azure the connection is identity-based (__fullyQualifiedNamespace)",
        ["Billing__EventsTopic"] = "the code's default (billing-events), the topic the template creates",
        ["Billing__RetryBase"] = "the code's default",
        ["Billing__RetryMax"] = "the code's default",
        ["Billing__EmailRetryFirstDelay"] = "the code's default (1 minute)",
        ["Billing__EmailRetryMaxDelay"] = "the code's default (1 hour)",
        ["Billing__EmailRetryLease"] = "the code's default (5 minutes)",
        ["Billing__EmailSendLease"] = "the code's default (5 minutes)",
        ["SendGrid__BaseUrl"] = "SendGrid's public API host by default; tests point it elsewhere",
        ["SendGrid__SandboxMode"] = "off by default: emails are delivered",
        ["SendGrid__MaxAttempts"] = "the code's default (4)",
        ["SendGrid__FirstRetryDelay"] = "the code's default (1 second)",
        ["SendGrid__MaxRetryDelay"] = "the code's default (30 seconds)",
        ["SendGrid__RequestTimeout"] = "the code's default (30 seconds)",
    };

    private static readonly string[] SecretSettings = ["Billing__AdminKey", "Billing__IngestKeys__0", "Billing__SigningSecret", "SendGrid__ApiKey"];

    public static TheoryData<string> SettingsTheCodeReadsData() => new(SettingsTheCodeReads.All().Select(s => s.ToString()));

    public static TheoryData<string> HostResolvedSettingsData() => new(FunctionAppMetadata.HostResolvedSettings());

    // Quotes as written: expressions name settings in single quotes ('Issuer__Name'), which the default encoder escapes.
    private static readonly JsonSerializerOptions AsWritten = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<string> FunctionAppModuleText() =>
        (await CompiledTemplate.MainAsync()).Module("function-app").ToJsonString(AsWritten);

    /// <summary>Whether the function app module names the setting: a literal name, or the start of a generated one.</summary>
    private static bool Names(string moduleJson, string setting, bool prefix) =>
        moduleJson.Contains($"\"{setting}{(prefix ? string.Empty : "\"")}", StringComparison.Ordinal)
        || moduleJson.Contains($"'{setting}{(prefix ? string.Empty : "'")}", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(SettingsTheCodeReadsData))]
    public async Task Setting_the_code_reads_is_set_by_the_template_or_optional_with_a_reason(string setting)
    {
        bool prefix = setting.EndsWith('*');
        string name = setting.TrimEnd('*');
        string module = await FunctionAppModuleText();

        Assert.True(
            Names(module, name, prefix) || Optional.ContainsKey(name),
            $"{name} is read by the code but infra/modules/function-app.bicep does not set it; set it there or add it to Optional with the reason");
    }

    [Fact]
    public async Task Optional_settings_are_read_by_the_code_and_not_set_by_the_template()
    {
        var read = SettingsTheCodeReads.All().Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        string module = await FunctionAppModuleText();

        Assert.All(Optional.Keys, name => Assert.True(read.Contains(name), $"{name} is listed optional but the code does not read it"));
        Assert.All(Optional.Keys, name => Assert.False(Names(module, name, name.EndsWith("__", StringComparison.Ordinal)), $"{name} is listed optional but the template sets it"));
    }

    [Fact]
    public void Every_key_the_sources_read_directly_is_known()
    {
        var known = SettingsTheCodeReads.All().Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        Assert.All(
            SettingsTheCodeReads.LiteralKeysInSources(),
            key => Assert.True(known.Contains(key), $"the code reads configuration[\"{key}\"]: add it to SettingsTheCodeReads.DirectKeys, then set it in the template or list it optional"));
    }

    [Theory]
    [MemberData(nameof(HostResolvedSettingsData))]
    public async Task Setting_the_Functions_host_resolves_is_always_set(string setting)
    {
        // The host resolves %name% and connection names from app settings alone; the code's defaults never reach it.
        // A connection may be identity-based: <name>__accountName (storage) or <name>__fullyQualifiedNamespace (Service Bus).
        string module = await FunctionAppModuleText();
        bool set = Names(module, setting, prefix: false)
            || Names(module, setting + "__accountName", prefix: false)
            || Names(module, setting + "__fullyQualifiedNamespace", prefix: false);

        Assert.True(set, $"{setting} is resolved by the Functions host from app settings but infra/modules/function-app.bicep does not set it");
    }

    [Fact]
    public async Task Secrets_are_Key_Vault_references()
    {
        JsonArray secrets = (await CompiledTemplate.MainAsync()).Module("function-app")["variables"]!["secretSettings"]!.AsArray();

        Assert.Equal(SecretSettings.Order(StringComparer.Ordinal), secrets.Select(s => s!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(secrets, s => Assert.Contains("@Microsoft.KeyVault(SecretUri=", s!["value"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Main_template_takes_the_secrets_as_secure_parameters_without_a_value()
    {
        JsonObject parameters = (await CompiledTemplate.MainAsync()).Root["parameters"]!.AsObject();

        foreach (string name in new[] { "adminKey", "ingestKey", "signingSecret", "sendGridApiKey" })
        {
            Assert.Equal("securestring", parameters[name]!["type"]!.GetValue<string>());
            Assert.Equal(string.Empty, parameters[name]!["defaultValue"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Storage_settings_are_identity_based_in_a_form_the_code_accepts()
    {
        JsonArray settings = (await CompiledTemplate.MainAsync()).Module("function-app")["variables"]!["storageSettings"]!.AsArray();
        var values = settings.ToDictionary(
            s => s!["name"]!.GetValue<string>().Replace("__", ":", StringComparison.Ordinal),
            s => s!["value"]!.GetValue<string>() is var v && v.StartsWith('[') ? "given-at-deployment" : v,
            StringComparer.Ordinal);

        Assert.DoesNotContain("AzureWebJobsStorage", values.Keys);
        StorageConnection connection = StorageConnection.FromSettings("AzureWebJobsStorage", key => values.GetValueOrDefault(key));

        var identity = Assert.IsType<StorageConnection.Identity>(connection);
        Assert.Equal(StorageCredentialKind.ManagedIdentity, identity.Credential);
        Assert.Equal("given-at-deployment", identity.ClientId);
        Assert.Equal("https://given-at-deployment.table.core.windows.net/", identity.TableServiceUri.ToString());
    }
}
