using System.Text.Json.Nodes;
using Billing.Storage.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Billing.Functions.Tests.Fixtures;

/// <summary>
/// A stand-in for SendGrid's v3 <c>mail/send</c> on loopback: answers each request as <see cref="Answer"/> says
/// (202 by default; an error status gets SendGrid's error shape), and keeps the subjects it accepted.
/// <see cref="Settings"/> points a host at it, with no retries inside the sender, so every failure reaches the caller.
/// </summary>
public sealed class SendGridStandIn : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<string> accepted = [];
    private readonly List<string> acceptedIds = [];
    private int requests;

    private SendGridStandIn(WebApplication app) => this.app = app;

    /// <summary>The status to answer the n-th request (1-based) with; 202 accepts it.</summary>
    public Func<int, int> Answer { get; set; } = _ => StatusCodes.Status202Accepted;

    public int Requests => Volatile.Read(ref requests);

    /// <summary>How long each request takes to answer, so that senders overlap.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The message ids (<c>custom_args.billing_message_id</c>) of the accepted messages, in arrival order.</summary>
    public IReadOnlyList<string> AcceptedMessageIds
    {
        get
        {
            lock (accepted)
            {
                return [.. acceptedIds];
            }
        }
    }

    public IReadOnlyList<string> Accepted
    {
        get
        {
            lock (accepted)
            {
                return [.. accepted];
            }
        }
    }

    public Dictionary<string, string> Settings => new(StringComparer.Ordinal)
    {
        ["SendGrid__ApiKey"] = "SG.test-key",
        ["SendGrid__BaseUrl"] = app.Urls.First(),
        ["SendGrid__MaxAttempts"] = "1",
    };

    public static async Task<SendGridStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:" + LoopbackPorts.Free());
        var standIn = new SendGridStandIn(builder.Build());
        standIn.app.MapPost("/v3/mail/send", standIn.ReceiveAsync);
        await standIn.app.StartAsync();
        return standIn;
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var body = await JsonNode.ParseAsync(request.Body);
        await Task.Delay(Delay);
        var status = Answer(Interlocked.Increment(ref requests));
        if (status != StatusCodes.Status202Accepted)
        {
            return Results.Json(new { errors = new[] { new { message = "The from address does not match a verified Sender Identity.", field = "from" } } }, statusCode: status);
        }

        lock (accepted)
        {
            accepted.Add(body!["subject"]!.GetValue<string>());
            acceptedIds.Add(body["custom_args"]?["billing_message_id"]?.GetValue<string>() ?? string.Empty);
        }

        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
