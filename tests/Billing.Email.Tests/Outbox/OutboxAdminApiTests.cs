using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Email.Tests.Fixtures;
using Billing.Email.Tests.Mime;
using Billing.Application.Email;
using Billing.Storage;
using Billing.Storage.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Email.Tests.Outbox;

/// <summary><c>GET /api/manage/outbox</c> and <c>GET /api/manage/outbox/{name}</c> on a real loopback server over the storage twin.</summary>
public sealed class OutboxAdminApiTests : IAsyncLifetime
{
    private readonly InMemoryStorageAccount storage = new(new FakeTimeProvider(SampleEmails.InvoiceDay));
    private WebApplication? app;
    private HttpClient? client;

    private HttpClient Client => client ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IStorageAccount>(storage);
        builder.Services.AddProblemDetails();
        app = builder.Build();
        RouteGroupBuilder admin = app.MapGroup("/api/manage");
        admin.MapGet("/outbox", (HttpRequest request, IStorageAccount storage, CancellationToken ct) => OutboxAdminApi.ListAsync(request, storage, ct));
        admin.MapGet("/outbox/{*name}", (string name, IStorageAccount storage, CancellationToken ct) => OutboxAdminApi.GetAsync(name, storage, ct));
        await app.StartAsync();
        client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
    }

    public async Task DisposeAsync()
    {
        client?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_outbox_never_written_to_lists_as_empty()
    {
        JsonElement listed = await Client.GetFromJsonAsync<JsonElement>("/api/manage/outbox");

        Assert.Equal(0, listed.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("continuationToken").ValueKind);
    }

    [Fact]
    public async Task Listing_shows_name_recipients_subject_message_id_size_and_creation()
    {
        await SendAsync(SampleEmails.ChineseInvoice("invoice/INV-2026-000002"));

        JsonElement entry = Assert.Single((await Client.GetFromJsonAsync<JsonElement>("/api/manage/outbox")).GetProperty("items").EnumerateArray());

        Assert.Equal("invoice/INV-2026-000002.eml", entry.GetProperty("name").GetString());
        Assert.Equal("caiwu@kehu.example", entry.GetProperty("to").GetString());
        Assert.Equal(SampleEmails.ChineseSubject, entry.GetProperty("subject").GetString());
        Assert.Equal("invoice/INV-2026-000002", entry.GetProperty("messageId").GetString());
        Assert.True(entry.GetProperty("size").GetInt64() > SampleEmails.Pdf.Length);
        Assert.Equal(SampleEmails.InvoiceDay, entry.GetProperty("createdOn").GetDateTimeOffset());
    }

    [Fact]
    public async Task Prefix_narrows_the_listing_and_limit_pages_it()
    {
        await SendAsync(SampleEmails.Invoice("invoice/INV-2026-000001"));
        await SendAsync(SampleEmails.Invoice("invoice/INV-2026-000002"));
        await SendAsync(SampleEmails.Invoice("receipt/PAY-1"));

        JsonElement invoices = await Client.GetFromJsonAsync<JsonElement>("/api/manage/outbox?prefix=invoice/");
        JsonElement first = await Client.GetFromJsonAsync<JsonElement>("/api/manage/outbox?limit=1");
        string token = first.GetProperty("continuationToken").GetString()!;
        JsonElement second = await Client.GetFromJsonAsync<JsonElement>("/api/manage/outbox?limit=2&continuationToken=" + Uri.EscapeDataString(token));

        Assert.Equal(["invoice/INV-2026-000001.eml", "invoice/INV-2026-000002.eml"], invoices.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.Equal("invoice/INV-2026-000001.eml", Assert.Single(first.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(["invoice/INV-2026-000002.eml", "receipt/PAY-1.eml"], second.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("continuationToken").ValueKind);
    }

    [Fact]
    public async Task One_email_downloads_as_message_rfc822_by_its_name()
    {
        await SendAsync(SampleEmails.Invoice("invoice/INV-2026-000001"));

        using HttpResponseMessage response = await Client.GetAsync(new Uri("/api/manage/outbox/invoice/INV-2026-000001.eml", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("message/rfc822", response.Content.Headers.ContentType?.MediaType);
        MimeEntity email = MimeEntity.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("<invoice/INV-2026-000001@example.com>", email.Header("Message-ID"));
        Assert.Equal(SampleEmails.Pdf, email.Parts.Single(p => p.MediaType == "application/pdf").DecodedBody());
    }

    [Fact]
    public async Task An_unknown_email_is_a_404_problem()
    {
        await SendAsync(SampleEmails.Invoice("invoice/INV-2026-000001"));

        using HttpResponseMessage response = await Client.GetAsync(new Uri("/api/manage/outbox/invoice/INV-1999-000001.eml", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("ten")]
    public async Task A_limit_out_of_range_is_a_400_problem(string limit)
    {
        using HttpResponseMessage response = await Client.GetAsync(new Uri("/api/manage/outbox?limit=" + limit, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("limit", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<EmailReceipt> SendAsync(EmailMessage message) => new OutboxEmailSender(storage, new FakeTimeProvider(SampleEmails.InvoiceDay)).SendAsync(message);
}
