using System.Text;
using Billing.Email.Tests.Fixtures;
using Billing.Email.Tests.Mime;
using Billing.Application.Email;
using Billing.Storage;
using Billing.Storage.Blobs;
using Billing.Storage.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Email.Tests.Outbox;

/// <summary>The outbox contract, run against real Azurite and against the in-memory twin.</summary>
public abstract class OutboxContractTests(IStorageAccount storage)
{
    // Azurite is shared by the whole collection, so each test writes under its own id prefix.
    private readonly string run = "t" + Guid.NewGuid().ToString("N")[..10];
    private readonly FakeTimeProvider clock = new(SampleEmails.InvoiceDay);

    private IBlobContainerClient Outbox => storage.GetBlobContainerClient(OutboxEmailSender.ContainerName);

    [Fact]
    public async Task Email_lands_in_the_outbox_as_rfc822_with_searchable_metadata()
    {
        EmailReceipt receipt = await Sender().SendAsync(Invoice("INV-2026-000001"));

        Assert.Equal(new EmailReceipt("outbox", $"{run}/INV-2026-000001", $"{run}/INV-2026-000001.eml", SampleEmails.InvoiceDay), receipt);
        BlobProperties properties = await Outbox.GetPropertiesAsync(receipt.ProviderReference);
        Assert.Equal("message/rfc822", properties.ContentType);
        Assert.Equal($"{run}/INV-2026-000001", OutboxMetadata.Read(properties, OutboxMetadata.MessageId));
        Assert.Equal("ap@customer.example, cfo@customer.example", OutboxMetadata.Read(properties, OutboxMetadata.To));
        Assert.Equal("Invoice INV-2026-000001 for January 2026", OutboxMetadata.Read(properties, OutboxMetadata.Subject));
    }

    [Fact]
    public async Task Written_email_parses_back_with_its_rfc_5322_headers()
    {
        EmailReceipt receipt = await Sender().SendAsync(Invoice("INV-2026-000001"));

        MimeEntity email = await ReadAsync(receipt);
        Assert.Equal("1.0", email.Header("MIME-Version"));
        Assert.Equal("Tue, 03 Feb 2026 09:30:00 +0000", email.Header("Date"));
        Assert.Equal("Example Cloud Billing <billing@example.com>", email.Header("From"));
        Assert.Equal("Accounts Payable <ap@customer.example>, cfo@customer.example", email.Header("To"));
        Assert.Equal("Invoice INV-2026-000001 for January 2026", email.Header("Subject"));
        Assert.Equal($"<{run}/INV-2026-000001@example.com>", email.Header("Message-ID"));
        Assert.Equal("multipart/mixed", email.MediaType);
    }

    [Fact]
    public async Task Text_and_html_are_utf8_alternatives_with_the_plain_text_first()
    {
        EmailMessage message = SampleEmails.ChineseInvoice($"{run}/INV-2026-000002");

        MimeEntity email = await ReadAsync(await Sender().SendAsync(message));

        MimeEntity alternative = email.Parts[0];
        Assert.Equal("multipart/alternative", alternative.MediaType);
        Assert.Equal(["text/plain", "text/html"], alternative.Parts.Select(p => p.MediaType));
        Assert.All(alternative.Parts, p => Assert.Equal("utf-8", p.Parameters("Content-Type")["charset"]));
        Assert.Equal(message.TextBody, Encoding.UTF8.GetString(alternative.Parts[0].DecodedBody()));
        Assert.Equal(message.HtmlBody, Encoding.UTF8.GetString(alternative.Parts[1].DecodedBody()));
    }

    [Fact]
    public async Task Pdf_attachment_decodes_to_the_exact_bytes()
    {
        MimeEntity email = await ReadAsync(await Sender().SendAsync(Invoice("INV-2026-000001")));

        MimeEntity attachment = Assert.Single(email.Parts, p => p.MediaType == "application/pdf");
        Assert.Equal("base64", attachment.Header("Content-Transfer-Encoding"));
        Assert.StartsWith("attachment;", attachment.Header("Content-Disposition"), StringComparison.Ordinal);
        Assert.Equal("INV-2026-000001.pdf", attachment.Parameters("Content-Disposition")["filename"]);
        Assert.Equal(SampleEmails.Pdf, attachment.DecodedBody());
    }

    [Fact]
    public async Task Chinese_subject_names_and_file_name_round_trip_through_rfc_2047_and_2231()
    {
        MimeEntity email = await ReadAsync(await Sender().SendAsync(SampleEmails.ChineseInvoice($"{run}/INV-2026-000002")));

        Assert.StartsWith("=?utf-8?b?", email.Header("Subject"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SampleEmails.ChineseSubject, email.DecodedHeader("Subject"));
        Assert.Equal("示例云 计费部 <billing@example.com>", email.DecodedHeader("From"));
        Assert.Equal("财务部 <caiwu@kehu.example>", email.DecodedHeader("To"));
        MimeEntity attachment = email.Parts.Single(p => p.MediaType == "application/pdf");
        Assert.Equal("发票-INV-2026-000002-二〇二六年一月.pdf", attachment.Parameters("Content-Disposition")["filename"]);
        Assert.Equal(SampleEmails.Pdf, attachment.DecodedBody());
    }

    [Fact]
    public async Task Every_line_is_ascii_ends_in_crlf_and_stays_within_78_characters()
    {
        EmailReceipt receipt = await Sender().SendAsync(SampleEmails.ChineseInvoice($"{run}/INV-2026-000002"));

        byte[] raw = (await Outbox.DownloadContentAsync(receipt.ProviderReference)).Content.ToArray();
        Assert.All(raw, b => Assert.True(b < 128, $"byte {b} is not ASCII"));
        string text = Encoding.ASCII.GetString(raw);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(text.Split("\r\n"), line => Assert.True(line.Length <= 78, $"{line.Length} characters: {line}"));
    }

    [Fact]
    public async Task Sending_the_same_message_id_twice_leaves_one_email_and_returns_the_first_receipt()
    {
        EmailReceipt first = await Sender().SendAsync(Invoice("INV-2026-000001"));
        byte[] before = (await Outbox.DownloadContentAsync(first.ProviderReference)).Content.ToArray();

        clock.Advance(TimeSpan.FromHours(3));
        EmailReceipt again = await Sender().SendAsync(Invoice("INV-2026-000001") with { Subject = "Re-rendered after a crash" });

        Assert.Equal(first, again);
        Assert.Single(await ListAsync(run + "/"));
        Assert.Equal(before, (await Outbox.DownloadContentAsync(first.ProviderReference)).Content.ToArray());
    }

    [Fact]
    public async Task Racing_senders_of_one_message_id_write_one_email()
    {
        EmailReceipt[] receipts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Sender().SendAsync(Invoice("INV-2026-000009"))));

        Assert.Single(receipts.Distinct());
        Assert.Single(await ListAsync(run + "/"));
    }

    [Fact]
    public async Task Listing_shows_each_email_under_its_message_id_name()
    {
        await Sender().SendAsync(Invoice("INV-2026-000001"));
        await Sender().SendAsync(Invoice("INV-2026-000002"));
        await Sender().SendAsync(Invoice("receipt 7"));

        IReadOnlyList<BlobItem> listed = await ListAsync(run + "/");

        Assert.Equal(
            [$"{run}/INV-2026-000001.eml", $"{run}/INV-2026-000002.eml"],
            listed.Select(b => b.Name).Where(n => n.Contains("INV", StringComparison.Ordinal)));
        BlobItem receipt = Assert.Single(listed, b => b.Name.Contains("receipt", StringComparison.Ordinal));
        Assert.StartsWith($"{run}/receipt_7-", receipt.Name, StringComparison.Ordinal);
        Assert.Equal($"{run}/receipt 7", OutboxMetadata.Read(receipt.Properties, OutboxMetadata.MessageId));
    }

    private OutboxEmailSender Sender() => new(storage, clock);

    private EmailMessage Invoice(string number) => SampleEmails.Invoice($"{run}/{number}");

    private async Task<MimeEntity> ReadAsync(EmailReceipt receipt) =>
        MimeEntity.Parse((await Outbox.DownloadContentAsync(receipt.ProviderReference)).Content.ToString());

    private async Task<IReadOnlyList<BlobItem>> ListAsync(string prefix)
    {
        var items = new List<BlobItem>();
        await foreach (BlobItem item in Outbox.GetBlobsAsync(prefix))
        {
            items.Add(item);
        }

        return items;
    }
}

/// <summary>The outbox on the in-memory storage twin.</summary>
public sealed class InMemoryOutboxTests() : OutboxContractTests(new InMemoryStorageAccount());

/// <summary>The outbox on a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuriteOutboxTests(AzuriteFixture azurite) : OutboxContractTests(StorageAccount.FromConnectionString(azurite.ConnectionString));
