using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Billing.Application.Email;

/// <summary>
/// Sends through the SendGrid SDK (<see cref="SendGridClient"/>, v3 <c>mail/send</c> at <see cref="SendGridOptions.BaseUrl"/>;
/// body: <see cref="SendGridMailMapping"/>). 2xx is accepted (202, or 200 in sandbox mode). 429, 5xx and requests that
/// got no answer (within <see cref="SendGridOptions.RequestTimeout"/>) are retried by a Polly retry strategy, up to
/// <see cref="SendGridOptions.MaxAttempts"/> requests in all: after waiting what SendGrid asked (<c>Retry-After</c>, else
/// <c>X-RateLimit-Reset</c>; the SDK's own retry handler honours neither, so it is not used), or when it asked nothing
/// <see cref="SendGridOptions.FirstRetryDelay"/> doubled per failure up to <see cref="SendGridOptions.MaxRetryDelay"/>,
/// without jitter. A wait asked beyond <see cref="SendGridOptions.MaxRetryDelay"/> is not waited out here. When no attempt is
/// left: <see cref="SendGridUnavailableException"/>. Any other 4xx throws <see cref="SendGridRejectedException"/> at once.
/// SendGrid has no idempotency key: a 5xx after SendGrid queued the mail can lead to a second delivery, which the
/// <see cref="MessageIdArgument"/> custom arg makes recognisable in its events. The API key travels only in the SDK's
/// per-request <c>Authorization</c> header and appears in no log or exception.
/// </summary>
public sealed partial class SendGridEmailSender : IEmailSender
{
    public const string Provider = "sendgrid";

    /// <summary>The <c>custom_args</c> key that carries <see cref="EmailMessage.MessageId"/>.</summary>
    public const string MessageIdArgument = "billing_message_id";

    private readonly SendGridClient client;
    private readonly SendGridOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ResiliencePipeline<Outcome> retries;

    /// <param name="http">A client from <c>IHttpClientFactory</c> the SDK sends through; its base address is not used.</param>
    /// <param name="options">The API key (required), base URL, sandbox switch and retry limits.</param>
    /// <param name="time">The clock that dates receipts and measures <c>Retry-After</c> dates and <c>X-RateLimit-Reset</c>.</param>
    /// <param name="logger">Where accepted, retried and refused sends are logged (never the key).</param>
    /// <param name="waits">
    /// The clock the waits between attempts run on. By default real time (<see cref="TimeProvider.System"/>), not
    /// <paramref name="time"/>: the wait is for a remote service, and a simulated clock that only moves when told to must
    /// not stall a send.
    /// </param>
    public SendGridEmailSender(
        HttpClient http,
        SendGridOptions options,
        TimeProvider time,
        ILogger<SendGridEmailSender>? logger = null,
        TimeProvider? waits = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new ArgumentException("SendGrid:ApiKey is required to send through SendGrid.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));
        client = new SendGridClient(http, new SendGridClientOptions
        {
            ApiKey = options.ApiKey,
            Host = options.BaseUrl.AbsoluteUri,
            HttpErrorAsException = false,
        });
        this.options = options;
        this.time = time;
        this.logger = logger ?? (ILogger)NullLogger.Instance;
        retries = Retries(options, waits ?? TimeProvider.System);
    }

    public async Task<EmailReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        SendGridMessage mail = SendGridMailMapping.ToSendGrid(message, options.SandboxMode);
        ResilienceContext context = ResilienceContextPool.Shared.Get(message.MessageId, cancellationToken);
        try
        {
            var attempts = 0;
            Outcome outcome = await retries.ExecuteAsync(
                async attempt => await AttemptAsync(message.MessageId, mail, ++attempts, attempt.CancellationToken),
                context);
            return outcome.Receipt
                ?? throw new SendGridUnavailableException(message.MessageId, attempts, outcome.Status, outcome.RetryAfter, outcome.Error);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Retries an attempt that got 429, a 5xx or no answer, waiting as the class summary says; an attempt that threw (a
    /// rejection, or the caller's cancellation) is not retried.
    /// </summary>
    private ResiliencePipeline<Outcome> Retries(SendGridOptions limits, TimeProvider waits)
    {
        var builder = new ResiliencePipelineBuilder<Outcome> { TimeProvider = waits };
        if (limits.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<Outcome>
            {
                MaxRetryAttempts = limits.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                Delay = limits.FirstRetryDelay,
                MaxDelay = limits.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome is { Exception: null, Result: { Receipt: null } failed } && !(failed.RetryAfter > limits.MaxRetryDelay)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result.RetryAfter),
                OnRetry = args =>
                {
                    var status = args.Outcome.Result.Status?.ToString(CultureInfo.InvariantCulture) ?? "no response";
                    LogRetry(logger, args.Context.OperationKey ?? string.Empty, args.AttemptNumber + 1, status, args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        return builder.Build();
    }

    private async ValueTask<Outcome> AttemptAsync(string messageId, SendGridMessage mail, int attempt, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        Response response;
        try
        {
            response = await client.SendEmailAsync(mail, timeout.Token);
        }
        catch (HttpRequestException error)
        {
            return Outcome.Failed(null, null, error);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            return Outcome.Failed(null, null, new TimeoutException($"SendGrid did not answer within {options.RequestTimeout}.", error));
        }

        using (response.Body)
        {
            int status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                string reference = response.Headers.TryGetValues("X-Message-Id", out IEnumerable<string>? ids) ? ids.First() : string.Empty;
                LogAccepted(logger, messageId, status, attempt, reference);
                return Outcome.Accepted(new EmailReceipt(Provider, messageId, reference, time.GetUtcNow()));
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500)
            {
                return Outcome.Failed(status, RetryHint(response), null);
            }

            string text = response.Body is null ? string.Empty : await response.Body.ReadAsStringAsync(cancellationToken);
            var rejection = new SendGridRejectedException(messageId, status, ParseErrors(text));
            LogRejected(logger, messageId, status, rejection.Message);
            throw rejection;
        }
    }

    /// <summary><c>Retry-After</c> (seconds or an HTTP date), else <c>X-RateLimit-Reset</c> (Unix seconds), relative to now.</summary>
    private TimeSpan? RetryHint(Response response)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            TimeSpan? wait = retryAfter.Delta ?? retryAfter.Date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        if (response.Headers.TryGetValues("X-RateLimit-Reset", out IEnumerable<string>? values)
            && long.TryParse(values.First(), NumberStyles.None, CultureInfo.InvariantCulture, out long reset))
        {
            TimeSpan wait = DateTimeOffset.FromUnixTimeSeconds(reset) - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>
    /// Every entry of SendGrid's <c>{"errors":[{"message","field"}]}</c> (the SDK's error handler keeps only the first);
    /// anything else becomes one error with the raw text.
    /// </summary>
    internal static IReadOnlyList<SendGridError> ParseErrors(string body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errors", out JsonElement errors)
                && errors.ValueKind == JsonValueKind.Array)
            {
                return errors.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.Object)
                    .Select(e => new SendGridError(Text(e, "message") ?? "(no message)", Text(e, "field")))
                    .ToList();
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page, say): report the text itself below.
        }

        string trimmed = body.Trim();
        return trimmed.Length == 0 ? [] : [new SendGridError(trimmed.Length > 500 ? trimmed[..500] : trimmed, null)];
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "SendGrid accepted email {MessageId} with {Status} on attempt {Attempt} (X-Message-Id {ProviderMessageId})")]
    private static partial void LogAccepted(ILogger logger, string messageId, int status, int attempt, string providerMessageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid did not accept email {MessageId} on attempt {Attempt} ({Status}); retrying in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, string messageId, int attempt, string status, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "SendGrid refused email {MessageId} with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string messageId, int status, string reason);

    private readonly record struct Outcome(EmailReceipt? Receipt, int? Status, TimeSpan? RetryAfter, Exception? Error)
    {
        public static Outcome Accepted(EmailReceipt receipt) => new(receipt, null, null, null);

        public static Outcome Failed(int? status, TimeSpan? retryAfter, Exception? error) => new(null, status, retryAfter, error);
    }
}
