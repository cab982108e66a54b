using System.Text;

namespace Billing.Application.Admin;

/// <summary>
/// Where a page of <c>GET /api/manage/workflows</c> ends, as its opaque <c>continuationToken</c>: the Durable instances are
/// listed first (<see cref="WorkflowListPart.Durable"/>, with the backend's own continuation token, null for its first
/// page), then the customers' collections timelines in customer id order (<see cref="WorkflowListPart.Collections"/>,
/// after the customer id <see cref="After"/>, null for the first). Encoded as base64url of <c>d:{token}</c> or
/// <c>c:{customer}</c>, so a token holds no character a query string or the paging rules refuse.
/// </summary>
public sealed record WorkflowListPosition(WorkflowListPart Part, string? After)
{
    /// <summary>The start of the list.</summary>
    public static readonly WorkflowListPosition Start = new(WorkflowListPart.Durable, null);

    /// <summary>The start of the collections timelines.</summary>
    public static readonly WorkflowListPosition Collections = new(WorkflowListPart.Collections, null);

    public string Encode()
    {
        var text = (Part == WorkflowListPart.Durable ? "d:" : "c:") + After;
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The position a token of <see cref="Encode"/> names; null for text no page gave.</summary>
    public static WorkflowListPosition? Decode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var after = text.Length > 2 ? text[2..] : null;
        return text.StartsWith("d:", StringComparison.Ordinal) ? new(WorkflowListPart.Durable, after)
            : text.StartsWith("c:", StringComparison.Ordinal) ? new(WorkflowListPart.Collections, after)
            : null;
    }
}
