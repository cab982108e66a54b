using System.Globalization;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace Billing.Functions.Hosting;

/// <summary>
/// The Azure Functions conventions on ASP.NET Core: configuration from <c>local.settings.json</c> (see
/// <see cref="LocalSettingsFile"/>), overridden by environment variables and the command line; the default address
/// http://127.0.0.1:7071 unless <c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>*_HTTP_PORTS</c> or Kestrel endpoints say
/// otherwise; JSON console logs with UTC timestamps and scopes.
/// </summary>
public static class FunctionsHostExtensions
{
    public const int DefaultPort = 7071;

    public static WebApplicationBuilder AddFunctionsHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        List<string> loaded = AddLocalSettings(builder);
        UseDefaultUrl(builder);

        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Services.AddHostedService(services => new SettingsReport(services.GetRequiredService<ILogger<SettingsReport>>(), loaded));
        return builder;
    }

    /// <summary>
    /// Places the settings files just below the environment variables, so the environment and command line win as
    /// they do under the Functions host. In Development the committed sample fills in what local.settings.json lacks.
    /// </summary>
    private static List<string> AddLocalSettings(WebApplicationBuilder builder)
    {
        var files = new List<string>();
        if (builder.Environment.IsDevelopment() && LocalSettingsFile.Locate(builder.Environment.ContentRootPath, LocalSettingsFile.SampleFileName) is { } sample)
        {
            files.Add(sample);
        }

        if (LocalSettingsFile.Locate(builder.Environment.ContentRootPath, LocalSettingsFile.FileName) is { } local)
        {
            files.Add(local);
        }

        IList<IConfigurationSource> sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        int position = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        foreach (string file in files)
        {
            var source = new MemoryConfigurationSource { InitialData = LocalSettingsFile.Read(file) };
            if (position < 0)
            {
                sources.Add(source);
            }
            else
            {
                sources.Insert(position++, source);
            }
        }

        return files;
    }

    private static void UseDefaultUrl(WebApplicationBuilder builder)
    {
        IConfiguration configuration = builder.Configuration;
        bool addressConfigured = !string.IsNullOrEmpty(configuration["urls"])
            || !string.IsNullOrEmpty(configuration["http_ports"])
            || !string.IsNullOrEmpty(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!addressConfigured)
        {
            int port = int.TryParse(configuration["Host:LocalHttpPort"], NumberStyles.None, CultureInfo.InvariantCulture, out int configured) ? configured : DefaultPort;
            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        }
    }
}
