using System.Text.Json;
using Billing.Email.Tests.Fixtures;
using Billing.Application.Email;

namespace Billing.Email.Tests.SendGrid;

/// <summary>The request SendGrid v3 Mail Send documents, checked as it arrives at a real loopback listener.</summary>
public sealed class SendGridRequestShapeTests
{
    [Fact]
    public async Task Mail_send_posts_json_to_v3_mail_send_with_the_bearer_key()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync();

        await target.Sender.SendAsync(SampleEmails.Invoice());

        RecordedRequest request = Assert.Single(target.Stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal("Bearer " + SendGridTarget.ApiKey, request.Authorization);
        Assert.Equal("application/json", request.ContentType);
    }

    [Fact]
    public async Task Mail_send_goes_through_the_sendgrid_sdk_at_the_configured_host()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync();

        await target.Sender.SendAsync(SampleEmails.Invoice());

        Assert.StartsWith("sendgrid/9.", Assert.Single(target.Stub.Requests).UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recipients_sender_and_subject_sit_in_the_documented_fields()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync();

        await target.Sender.SendAsync(SampleEmails.Invoice());

        JsonElement json = Assert.Single(target.Stub.Requests).Json;
        JsonElement personalization = Assert.Single(json.GetProperty("personalizations").EnumerateArray());
        JsonElement[] to = personalization.GetProperty("to").EnumerateArray().ToArray();
        Assert.Equal(["ap@customer.example", "cfo@customer.example"], to.Select(t => t.GetProperty("email").GetString()));
        Assert.Equal("Accounts Payable", to[0].GetProperty("name").GetString());
        Assert.False(to[1].TryGetProperty("name", out _));
        Assert.Equal("billing@example.com", json.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal("Example Cloud Billing", json.GetProperty("from").GetProperty("name").GetString());
        Assert.Equal("Invoice INV-2026-000001 for January 2026", json.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Content_lists_text_plain_before_text_html()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync();
        EmailMessage message = SampleEmails.Invoice();

        await target.Sender.SendAsync(message);

        JsonElement[] content = Assert.Single(target.Stub.Requests).Json.GetProperty("content").EnumerateArray().ToArray();
        Assert.Equal(["text/plain", "text/html"], content.Select(c => c.GetProperty("type").GetString()));
        Assert.Equal(message.TextBody, content[0].GetProperty("value").GetString());
        Assert.Equal(message.HtmlBody, content[1].GetProperty("value").GetString());
    }

    [Fact]
    public async Task Pdf_attachment_is_base64_with_its_type_file_name_and_attachment_disposition()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync();

        await target.Sender.SendAsync(SampleEmails.Invoice());

        JsonElement attachment = Assert.Single(Assert.Single(target.Stub.Requests).Json.GetProperty("attachments").EnumerateArray());
        Assert.Equal(SampleEmails.Pdf, Convert.FromBase64String(attachment.GetProperty("content").GetString()!));
        Assert.Equal("application/pdf", attachment.GetProperty("type").GetString());
        Assert.Equal("INV-2026-000001.pdf", attachment.GetProperty("filename").GetString());
        Assert.Equal("attachment", attachment.GetProperty("disposition").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Sandbox_mode_follows_configuration(bool sandbox)
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync([], o => o.SandboxMode = sandbox);

        await target.Sender.SendAsync(SampleEmails.Invoice());

        JsonElement enable = Assert.Single(target.Stub.Requests).Json.GetProperty("mail_settings").GetProperty("sandbox_mode").GetProperty("enable");
        Assert.Equal(sandbox ? JsonValueKind.True : JsonValueKind.False, enable.ValueKind);
    }

    [Fact]
    public async Task Custom_args_carry_the_message_id_beside_the_callers_arguments_and_categories()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync();

        await target.Sender.SendAsync(SampleEmails.Invoice());

        JsonElement json = Assert.Single(target.Stub.Requests).Json;
        JsonElement args = json.GetProperty("custom_args");
        Assert.Equal("invoice/INV-2026-000001", args.GetProperty(SendGridEmailSender.MessageIdArgument).GetString());
        Assert.Equal("acme", args.GetProperty("customer").GetString());
        Assert.Equal("INV-2026-000001", args.GetProperty("invoice_number").GetString());
        Assert.Equal(["invoice"], json.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Chinese_subject_names_and_file_names_travel_as_json_strings()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync();

        await target.Sender.SendAsync(SampleEmails.ChineseInvoice());

        JsonElement json = Assert.Single(target.Stub.Requests).Json;
        Assert.Equal(SampleEmails.ChineseSubject, json.GetProperty("subject").GetString());
        Assert.Equal("财务部", json.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("name").GetString());
        Assert.Equal("发票-INV-2026-000002-二〇二六年一月.pdf", json.GetProperty("attachments")[0].GetProperty("filename").GetString());
    }

    [Fact]
    public async Task Accepted_mail_yields_a_receipt_with_sendgrids_message_id()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync(StubReply.Accepted("14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"));

        EmailReceipt receipt = await target.Sender.SendAsync(SampleEmails.Invoice());

        Assert.Equal(new EmailReceipt("sendgrid", "invoice/INV-2026-000001", "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0", SampleEmails.InvoiceDay), receipt);
    }

    [Fact]
    public async Task Sandbox_validation_answering_200_counts_as_accepted()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync([new StubReply(200)], o => o.SandboxMode = true);

        EmailReceipt receipt = await target.Sender.SendAsync(SampleEmails.Invoice());

        Assert.Equal("sendgrid", receipt.Provider);
        Assert.Single(target.Stub.Requests);
    }

    [Fact]
    public async Task An_invalid_message_is_refused_before_any_request()
    {
        await using SendGridTarget target = await SendGridTarget.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => target.Sender.SendAsync(SampleEmails.Invoice() with { To = [] }));
        await Assert.ThrowsAsync<ArgumentException>(() => target.Sender.SendAsync(SampleEmails.Invoice() with { Subject = "two\r\nlines" }));

        Assert.Empty(target.Stub.Requests);
    }
}
