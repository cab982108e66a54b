using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Billing.Email.Tests.Fixtures;

/// <summary>What the stub answers to one request; once the script runs out it answers 202 Accepted.</summary>
public sealed record StubReply(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static StubReply Accepted(string messageId = "sg-message-1") => new(202, Headers: new Dictionary<string, string> { ["X-Message-Id"] = messageId });
}

/// <summary>One request as it reached the wire.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string? ContentType, string? UserAgent, byte[] Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, a free port picked by the OS) standing in for api.sendgrid.com:
/// records every request and answers from a script.
/// </summary>
public sealed class SendGridStub : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<StubReply> script;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    private SendGridStub(WebApplication app, ConcurrentQueue<StubReply> script)
    {
        this.app = app;
        this.script = script;
    }

    public Uri BaseUrl => new(app.Urls.Single());

    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    public static async Task<SendGridStub> StartAsync(params StubReply[] replies)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        var stub = new SendGridStub(app, new ConcurrentQueue<StubReply>(replies));
        app.Run(stub.AnswerAsync);
        await app.StartAsync();
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.Headers.Authorization.ToString(),
            context.Request.ContentType,
            context.Request.Headers.UserAgent.ToString(),
            body.ToArray()));

        StubReply reply = script.TryDequeue(out StubReply? next) ? next : StubReply.Accepted();
        context.Response.StatusCode = reply.Status;
        foreach ((string name, string value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (reply.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body);
        }
    }
}
