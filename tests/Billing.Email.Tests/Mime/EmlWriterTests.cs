using System.Text;
using Billing.Email.Tests.Fixtures;
using Billing.Application.Email;
using Billing.Application.Email.Mime;

namespace Billing.Email.Tests.Mime;

/// <summary>How the outbox's RFC 5322 writer (MimeKit) encodes, folds and names, read back with the test's own MIME reader.</summary>
public sealed class EmlWriterTests
{
    [Fact]
    public void The_same_message_and_date_give_identical_bytes()
    {
        Assert.Equal(
            EmlWriter.Write(SampleEmails.ChineseInvoice(), SampleEmails.InvoiceDay),
            EmlWriter.Write(SampleEmails.ChineseInvoice(), SampleEmails.InvoiceDay));
    }

    [Theory]
    [InlineData("invoice/INV-2026-000001", "<invoice/INV-2026-000001@example.com>")]
    [InlineData("dunning/acme/2026-01/remind-1", "<dunning/acme/2026-01/remind-1@example.com>")]
    [InlineData("receipt pay-42", "<sha256-")]
    [InlineData("发票/INV-2026-000002", "<sha256-")]
    [InlineData("invoice/a-message-id-that-is-much-longer-than-forty-characters", "<sha256-")]
    public void Message_id_header_derives_from_the_message_id(string messageId, string expectedStart)
    {
        EmailMessage message = SampleEmails.Invoice(messageId);

        string header = EmlWriter.MessageIdHeader(message);

        Assert.StartsWith(expectedStart, header, StringComparison.Ordinal);
        Assert.EndsWith("@example.com>", header, StringComparison.Ordinal);
        Assert.Equal(header, EmlWriter.MessageIdHeader(SampleEmails.Invoice(messageId)));
    }

    [Fact]
    public void Different_message_ids_that_need_hashing_get_different_message_id_headers()
    {
        Assert.NotEqual(
            EmlWriter.MessageIdHeader(SampleEmails.Invoice("receipt pay-42")),
            EmlWriter.MessageIdHeader(SampleEmails.Invoice("receipt pay_42")));
    }

    [Fact]
    public void A_long_chinese_subject_becomes_encoded_words_of_whole_characters()
    {
        string raw = Raw(SampleEmails.ChineseInvoice());

        string header = raw[(raw.IndexOf("Subject:", StringComparison.Ordinal) + "Subject:".Length)..raw.IndexOf("\r\nMessage-Id:", StringComparison.OrdinalIgnoreCase)];
        string[] words = header.Split([' ', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.True(words.Length > 1, header);
        Assert.All(words, w => Assert.StartsWith("=?utf-8?b?", w, StringComparison.OrdinalIgnoreCase));
        Assert.All(raw.Split("\r\n"), line => Assert.True(line.Length <= 78, line));
        Assert.All(words, w => Assert.DoesNotContain('\uFFFD', MimeEntity.DecodeWords(w)));
        Assert.Equal(SampleEmails.ChineseSubject, MimeEntity.Parse(raw).DecodedHeader("Subject"));
    }

    [Fact]
    public void A_long_ascii_subject_folds_at_spaces_and_unfolds_to_the_original()
    {
        string subject = string.Join(" ", Enumerable.Repeat("Invoice INV-2026-000001 for usage of the Compute API", 4));

        string raw = Raw(SampleEmails.Invoice(subject: subject));

        string header = raw[raw.IndexOf("Subject:", StringComparison.Ordinal)..raw.IndexOf("Message-ID:", StringComparison.OrdinalIgnoreCase)];
        Assert.True(header.Split("\r\n ").Length > 2, header);
        Assert.Equal(subject, MimeEntity.Parse(raw).Header("Subject"));
    }

    [Theory]
    [InlineData("Überweisung für Rechnung INV-2026-000001")]
    [InlineData("Rechnung für Müller & Söhne — Januar")]
    public void Subjects_that_cannot_stay_ascii_are_encoded_and_read_back_exactly(string subject)
    {
        MimeEntity email = Read(SampleEmails.Invoice(subject: subject));

        Assert.Contains("=?utf-8?b?", email.Header("Subject"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(subject, email.DecodedHeader("Subject"));
    }

    [Fact]
    public void A_display_name_with_specials_is_quoted()
    {
        EmailMessage message = SampleEmails.Invoice() with { From = new EmailAddress("billing@example.com", "Example, Inc. \"Billing\"") };

        Assert.Equal("\"Example, Inc. \\\"Billing\\\"\" <billing@example.com>", Read(message).Header("From"));
    }

    [Fact]
    public void Many_recipients_fold_between_addresses()
    {
        EmailMessage message = SampleEmails.Invoice() with
        {
            To = Enumerable.Range(1, 8).Select(i => new EmailAddress($"finance-team-{i}@customer.example", $"Finance {i}")).ToList(),
        };

        string raw = Raw(message);

        Assert.All(raw.Split("\r\n"), line => Assert.True(line.Length <= 78, line));
        Assert.Equal(
            string.Join(", ", Enumerable.Range(1, 8).Select(i => $"Finance {i} <finance-team-{i}@customer.example>")),
            string.Join(' ', MimeEntity.Parse(raw).Header("To")!.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void A_long_non_ascii_file_name_continues_in_rfc_2231_sections()
    {
        string fileName = string.Concat(Enumerable.Repeat("二〇二六年一月账单", 6)) + ".pdf";
        EmailMessage message = SampleEmails.Invoice() with { Attachments = [EmailAttachment.Pdf(fileName, SampleEmails.Pdf)] };

        string raw = Raw(message);
        MimeEntity attachment = MimeEntity.Parse(raw).Parts.Single(p => p.MediaType == "application/pdf");

        Assert.Contains("filename*0*=utf-8''", raw, StringComparison.Ordinal);
        Assert.Contains("filename*1*=", raw, StringComparison.Ordinal);
        Assert.Equal(fileName, attachment.Parameters("Content-Disposition")["filename"]);
        Assert.All(raw.Split("\r\n"), line => Assert.True(line.Length <= 78, line));
    }

    [Fact]
    public void A_message_without_html_or_attachments_is_a_single_text_part()
    {
        EmailMessage message = SampleEmails.Invoice() with { HtmlBody = null, Attachments = [] };

        MimeEntity email = Read(message);

        Assert.Equal("text/plain", email.MediaType);
        Assert.Equal(message.TextBody, Encoding.UTF8.GetString(email.DecodedBody()));
    }

    [Fact]
    public void Html_without_attachments_is_a_bare_alternative()
    {
        MimeEntity email = Read(SampleEmails.Invoice() with { Attachments = [] });

        Assert.Equal("multipart/alternative", email.MediaType);
        Assert.Equal(["text/plain", "text/html"], email.Parts.Select(p => p.MediaType));
    }

    [Fact]
    public void Message_id_categories_and_custom_args_are_kept_as_headers()
    {
        MimeEntity email = Read(SampleEmails.Invoice());

        Assert.Equal("invoice/INV-2026-000001", email.Header("X-Billing-Message-Id"));
        Assert.Equal("invoice", email.Header("X-Billing-Categories"));
        Assert.Equal("acme", email.Header("X-Billing-Arg-customer"));
        Assert.Equal("INV-2026-000001", email.Header("X-Billing-Arg-invoice_number"));
    }

    [Fact]
    public void Every_mandatory_header_appears_exactly_once()
    {
        MimeEntity email = Read(SampleEmails.ChineseInvoice());

        Assert.All(
            new[] { "Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type" },
            name => Assert.Equal(1, email.HeaderCount(name)));
    }

    private static string Raw(EmailMessage message) => Encoding.ASCII.GetString(EmlWriter.Write(message, SampleEmails.InvoiceDay));

    private static MimeEntity Read(EmailMessage message) => MimeEntity.Parse(Raw(message));
}
