using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Billing.Email.Tests.Fixtures;
using Billing.Application.Email;

namespace Billing.Email.Tests.SendGrid;

/// <summary>429 and 5xx are retried with bounded exponential back-off that honours SendGrid's waits; other 4xx are final.</summary>
public sealed class SendGridRetryTests
{
    private const string ErrorsBody =
        """{"errors":[{"message":"The from email does not contain a valid address.","field":"from.email"},{"message":"Bad request","field":null}]}""";

    [Fact]
    public async Task Too_many_requests_with_retry_after_is_delivered_once_after_waiting_as_asked()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync(
            new StubReply(429, """{"errors":[{"field":null,"message":"too many requests"}]}""", new Dictionary<string, string> { ["Retry-After"] = "2" }),
            StubReply.Accepted());

        EmailReceipt receipt = await target.Sender.SendAsync(SampleEmails.Invoice());

        Assert.Equal(2, target.Stub.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(2)], target.Waits);
        Assert.Equal("sg-message-1", receipt.ProviderReference);
    }

    [Fact]
    public async Task Rate_limit_reset_is_honoured_when_retry_after_is_absent()
    {
        string reset = SampleEmails.InvoiceDay.AddSeconds(3).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await using SendGridTarget throttled = await SendGridTarget.StartAsync(
            new StubReply(429, Headers: new Dictionary<string, string> { ["X-RateLimit-Limit"] = "600", ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset"] = reset }),
            StubReply.Accepted());

        await throttled.Sender.SendAsync(SampleEmails.Invoice());

        Assert.Equal([TimeSpan.FromSeconds(3)], throttled.Waits);
    }

    [Fact]
    public async Task Retry_after_given_as_a_date_is_measured_from_the_injected_clock()
    {
        string date = SampleEmails.InvoiceDay.AddSeconds(5).ToString("R", CultureInfo.InvariantCulture);
        await using SendGridTarget target = await SendGridTarget.StartAsync(
            new StubReply(503, Headers: new Dictionary<string, string> { ["Retry-After"] = date }),
            StubReply.Accepted());

        await target.Sender.SendAsync(SampleEmails.Invoice());

        Assert.Equal([TimeSpan.FromSeconds(5)], target.Waits);
    }

    [Fact]
    public async Task Server_errors_twice_then_accepted_is_delivered_after_doubling_waits()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync(new StubReply(500), new StubReply(500), StubReply.Accepted());

        EmailReceipt receipt = await target.Sender.SendAsync(SampleEmails.Invoice());

        Assert.Equal(3, target.Stub.Requests.Count);
        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)], target.Waits);
        Assert.Equal("sendgrid", receipt.Provider);
    }

    [Fact]
    public async Task Each_retry_is_logged_with_the_message_the_attempt_the_status_and_the_wait()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync(
            new StubReply(503),
            new StubReply(429, Headers: new Dictionary<string, string> { ["Retry-After"] = "2" }),
            StubReply.Accepted());

        await target.Sender.SendAsync(SampleEmails.Invoice());

        var retries = target.Logs.Lines.Where(l => l.Contains("retrying in", StringComparison.Ordinal)).ToList();
        Assert.Collection(
            retries,
            first => Assert.Contains("email invoice/INV-2026-000001 on attempt 1 (503); retrying in 100 ms", first, StringComparison.Ordinal),
            second => Assert.Contains("email invoice/INV-2026-000001 on attempt 2 (429); retrying in 2000 ms", second, StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_attempt_configured_is_one_request_however_sendgrid_answers()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync([new StubReply(503), StubReply.Accepted()], o => o.MaxAttempts = 1);

        var error = await Assert.ThrowsAsync<SendGridUnavailableException>(() => target.Sender.SendAsync(SampleEmails.Invoice()));

        Assert.Single(target.Stub.Requests);
        Assert.Empty(target.Waits);
        Assert.Equal((1, 503), (error.Attempts, error.LastStatus));
    }

    [Fact]
    public async Task Every_attempt_sends_the_same_body_so_a_duplicate_is_recognisable_by_its_message_id()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync(new StubReply(502), new StubReply(504), StubReply.Accepted());

        await target.Sender.SendAsync(SampleEmails.Invoice());

        IReadOnlyList<RecordedRequest> requests = target.Stub.Requests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal(requests[0].Body, r.Body));
        Assert.All(requests, r => Assert.Equal("Bearer " + SendGridTarget.ApiKey, r.Authorization));
    }

    [Fact]
    public async Task Persistent_server_errors_stop_after_the_configured_attempts()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync(
            Enumerable.Repeat(new StubReply(503), 10).ToArray(), o => o.MaxAttempts = 3);

        var error = await Assert.ThrowsAsync<SendGridUnavailableException>(() => target.Sender.SendAsync(SampleEmails.Invoice()));

        Assert.Equal(3, target.Stub.Requests.Count);
        Assert.Equal(2, target.Waits.Count);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(503, error.LastStatus);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Back_off_doubles_up_to_the_longest_wait()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync(
            Enumerable.Repeat(new StubReply(500), 10).ToArray(),
            o => (o.MaxAttempts, o.MaxRetryDelay) = (6, TimeSpan.FromMilliseconds(500)));

        await Assert.ThrowsAsync<SendGridUnavailableException>(() => target.Sender.SendAsync(SampleEmails.Invoice()));

        Assert.Equal([100, 200, 400, 500, 500], target.Waits.Select(w => w.TotalMilliseconds));
    }

    [Fact]
    public async Task Retry_after_beyond_the_longest_wait_fails_as_transient_without_waiting()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync(
            new StubReply(429, Headers: new Dictionary<string, string> { ["Retry-After"] = "3600" }), StubReply.Accepted());

        var error = await Assert.ThrowsAsync<SendGridUnavailableException>(() => target.Sender.SendAsync(SampleEmails.Invoice()));

        Assert.Single(target.Stub.Requests);
        Assert.Empty(target.Waits);
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.Equal(429, error.LastStatus);
    }

    [Fact]
    public async Task Bad_request_throws_a_rejection_carrying_sendgrids_error_messages_without_retrying()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync(new StubReply(400, ErrorsBody));

        var error = await Assert.ThrowsAsync<SendGridRejectedException>(() => target.Sender.SendAsync(SampleEmails.Invoice()));

        Assert.Single(target.Stub.Requests);
        Assert.Equal(400, error.Status);
        Assert.False(error.IsTransient);
        Assert.Equal(
            [new SendGridError("The from email does not contain a valid address.", "from.email"), new SendGridError("Bad request", null)],
            error.Errors);
        Assert.Contains("from.email: The from email does not contain a valid address.", error.Message, StringComparison.Ordinal);
        Assert.Contains("invoice/INV-2026-000001", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(413)]
    public async Task Other_client_errors_are_final(int status)
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync(new StubReply(status, """{"errors":[{"message":"denied"}]}"""));

        var error = await Assert.ThrowsAsync<SendGridRejectedException>(() => target.Sender.SendAsync(SampleEmails.Invoice()));

        Assert.Single(target.Stub.Requests);
        Assert.Equal(status, error.Status);
        Assert.Equal([new SendGridError("denied", null)], error.Errors);
    }

    [Fact]
    public async Task An_error_body_that_is_not_json_is_kept_as_the_message()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync(new StubReply(400, "upstream said no"));

        var error = await Assert.ThrowsAsync<SendGridRejectedException>(() => target.Sender.SendAsync(SampleEmails.Invoice()));

        Assert.Equal([new SendGridError("upstream said no", null)], error.Errors);
    }

    [Fact]
    public async Task An_unreachable_sendgrid_is_retried_then_reported_unavailable()
    {
        int closedPort = ClosedLoopbackPort();
        await using SendGridTarget target = await SendGridTarget.StartAsync(
            [], o => (o.BaseUrl, o.MaxAttempts) = (new Uri($"http://127.0.0.1:{closedPort}"), 2));

        var error = await Assert.ThrowsAsync<SendGridUnavailableException>(() => target.Sender.SendAsync(SampleEmails.Invoice()));

        Assert.Equal(2, error.Attempts);
        Assert.Null(error.LastStatus);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Single(target.Waits);
    }

    [Fact]
    public async Task The_api_key_appears_in_no_log_line_or_exception()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync(new StubReply(500), new StubReply(400, ErrorsBody));

        var error = await Assert.ThrowsAsync<SendGridRejectedException>(() => target.Sender.SendAsync(SampleEmails.Invoice()));

        Assert.NotEmpty(target.Logs.Lines);
        Assert.All(target.Logs.Lines, line => Assert.DoesNotContain(SendGridTarget.ApiKey, line, StringComparison.Ordinal));
        Assert.DoesNotContain(SendGridTarget.ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SendGridTarget.ApiKey, target.Options.ToString(), StringComparison.Ordinal);
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
