using Billing.Email.Tests.Fixtures;
using Billing.Application.Email;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Email.Tests.SendGrid;

/// <summary>A sender wired to a stub, with waits between attempts recorded instead of slept and every log line kept.</summary>
public sealed class SendGridTarget : IAsyncDisposable
{
    public const string ApiKey = "SG.test-key.do-not-leak-7f3a9c";

    private readonly WaitRecorder waits = new();
    private readonly HttpClient http = new();

    private SendGridTarget(SendGridStub stub, SendGridOptions options)
    {
        Stub = stub;
        Options = options;
        Sender = new SendGridEmailSender(http, options, Clock, Logs.CreateLogger<SendGridEmailSender>(), waits);
    }

    public SendGridStub Stub { get; }

    public SendGridOptions Options { get; }

    public FakeTimeProvider Clock { get; } = new(SampleEmails.InvoiceDay);

    public ListLoggerProvider Logs { get; } = new();

    public SendGridEmailSender Sender { get; }

    /// <summary>The waits between attempts, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => waits.Waits;

    public static async Task<SendGridTarget> StartAsync(StubReply[] replies, Action<SendGridOptions>? configure = null)
    {
        SendGridStub stub = await SendGridStub.StartAsync(replies);
        var options = new SendGridOptions
        {
            ApiKey = ApiKey,
            BaseUrl = stub.BaseUrl,
            MaxAttempts = 4,
            FirstRetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        return new SendGridTarget(stub, options);
    }

    public static Task<SendGridTarget> StartAsync(params StubReply[] replies) => StartAsync(replies, null);

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await Stub.DisposeAsync();
    }
}
