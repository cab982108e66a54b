using System.Text.Json.Nodes;
using Billing.Functions.Tests.Settlement;
using MimeKit;

namespace Billing.Functions.Tests.Notices;

/// <summary>An email from the local outbox, decoded by MimeKit: subject, plain-text body and attachments (name, bytes).</summary>
internal sealed record OutboxMail(string Name, string Subject, string Text, IReadOnlyList<(string FileName, byte[] Content)> Attachments)
{
    /// <summary>The emails whose blob name starts with <paramref name="prefix"/>, in name order.</summary>
    public static async Task<List<OutboxMail>> ListAsync(ScenarioHost host, string prefix)
    {
        var names = (await host.GetJsonAsync("/api/manage/outbox?limit=1000&prefix=" + Uri.EscapeDataString(prefix)))["items"]!.AsArray()
            .Select(m => m!["name"]!.GetValue<string>())
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var mails = new List<OutboxMail>();
        foreach (var name in names)
        {
            mails.Add(await ReadAsync(host, name));
        }

        return mails;
    }

    public static async Task<OutboxMail> ReadAsync(ScenarioHost host, string name)
    {
        using var stream = new MemoryStream(await host.GetBytesAsync("/api/manage/outbox/" + name));
        var message = await MimeMessage.LoadAsync(stream);
        var attachments = new List<(string, byte[])>();
        foreach (var part in message.Attachments.OfType<MimePart>())
        {
            using var content = new MemoryStream();
            await part.Content!.DecodeToAsync(content);
            attachments.Add((part.FileName ?? string.Empty, content.ToArray()));
        }

        return new OutboxMail(name, message.Subject ?? string.Empty, message.TextBody ?? string.Empty, attachments);
    }

    public override string ToString() => $"{Name}: {Subject}\n{Text}";
}
