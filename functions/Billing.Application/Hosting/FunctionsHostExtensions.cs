using System.Globalization;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace Billing.Application.Hosting;

/// <summary>
/// The Azure Functions conventions on ASP.NET Core: configuration from <c>local.settings.json</c> (see
/// <see cref="LocalSettingsFile"/>), overridden by environment variables and the command line; the default address
/// http://127.0.0.1:7071 unless <c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>*_HTTP_PORTS</c> or Kestrel endpoints say
/// otherwise; JSON console logs with UTC timestamps and scopes; a bounded stop (<see cref="ShutdownTimeout"/>).
/// </summary>
public static class FunctionsHostExtensions
{
    public const int DefaultPort = 7071;

    /// <summary>
    /// How long requests and functions in flight get to finish after SIGINT or SIGTERM (Ctrl+C) before the host stops
    /// anyway and then stops the Azurite it started; <c>shutdownTimeoutSeconds</c> overrides it. Work cut short is
    /// safe to cut: every write is idempotent and unfinished queue messages are delivered again.
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    public static WebApplicationBuilder AddFunctionsHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        List<string> loaded = AddLocalSettings(builder);
        UseDefaultUrl(builder);
        if (string.IsNullOrEmpty(builder.Configuration["shutdownTimeoutSeconds"]))
        {
            builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        }

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
    /// Places the settings file just below the environment variables, so the environment and command line win as
    /// they do under the Functions host. <c>local.settings.json</c> is read when present; in Development, where it is
    /// missing, the committed sample is read instead, without its secrets (admin routes stay closed until a key is set).
    /// </summary>
    private static List<string> AddLocalSettings(WebApplicationBuilder builder)
    {
        var files = new List<string>();
        if (LocalSettingsFile.Locate(builder.Environment.ContentRootPath, sampleAllowed: builder.Environment.IsDevelopment()) is { } file)
        {
            files.Add(file);
        }

        IList<IConfigurationSource> sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        int position = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        foreach (string path in files)
        {
            var source = new MemoryConfigurationSource { InitialData = LocalSettingsFile.ReadSettings(path) };
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
