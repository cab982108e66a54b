using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace Billing.Storage.InMemory;

/// <summary>The raw response a twin's page carries: 200, no headers, no body (there was no HTTP exchange).</summary>
internal sealed class TwinResponse : Response
{
    public static TwinResponse Ok { get; } = new();

    public override int Status => 200;

    public override string ReasonPhrase => "OK";

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; } = string.Empty;

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => false;

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = null;
        return false;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = null;
        return false;
    }
}
