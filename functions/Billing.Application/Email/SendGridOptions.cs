namespace Billing.Application.Email;

/// <summary>
/// The <c>SendGrid</c> configuration section (<c>SendGrid__ApiKey</c> ... in <c>local.settings.json</c> Values or the
/// environment). With no <see cref="ApiKey"/> emails go to the local outbox instead. The key is never logged.
/// </summary>
public sealed class SendGridOptions
{
    public const string Section = "SendGrid";

    /// <summary>A key with the Mail Send scope, sent as <c>Authorization: Bearer</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API host (the SDK's <c>SendGridClientOptions.Host</c>); requests go to <c>{BaseUrl}/v3/mail/send</c>. Tests point it at a loopback listener.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.sendgrid.com");

    /// <summary>Sets <c>mail_settings.sandbox_mode.enable</c>: SendGrid validates the request (200 OK) and delivers nothing.</summary>
    public bool SandboxMode { get; set; }

    /// <summary>Requests per email, the first included; 429, 5xx and unanswered requests are retried until then.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The wait after the first failed attempt; it doubles after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest single wait. A <c>Retry-After</c> (or <c>X-RateLimit-Reset</c>) further away than this is not
    /// waited out here: the send fails as transient, naming the time, so the caller's own retry can wait.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one request may take before it counts as unanswered.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The key is secret: never part of a string that could be logged.</summary>
    public override string ToString() =>
        $"SendGrid at {BaseUrl} (key {(string.IsNullOrEmpty(ApiKey) ? "not set" : "set")}, sandbox {SandboxMode}, {MaxAttempts} attempts)";
}
