using Billing.Application.Http;

namespace Billing.Application.Admin;

/// <summary>
/// Where a page of <c>GET /api/manage/workflows</c> ends, as its opaque <c>continuationToken</c> (a <see cref="PageToken"/>):
/// the Durable instances are listed first (<see cref="WorkflowListPart.Durable"/>, with the backend's own continuation
/// token, null for its first page), then the customers' collections timelines in customer id order
/// (<see cref="WorkflowListPart.Collections"/>, after the customer id <see cref="After"/>, null for the first).
/// </summary>
public sealed record WorkflowListPosition(WorkflowListPart Part, string? After)
{
    private const string DurableList = "d";
    private const string CollectionsList = "c";

    /// <summary>The start of the list.</summary>
    public static readonly WorkflowListPosition Start = new(WorkflowListPart.Durable, null);

    /// <summary>The start of the collections timelines.</summary>
    public static readonly WorkflowListPosition Collections = new(WorkflowListPart.Collections, null);

    public string Encode() => PageToken.Encode(Part == WorkflowListPart.Durable ? DurableList : CollectionsList, After ?? string.Empty)!;

    /// <summary>The position a token of <see cref="Encode"/> names; null for text no page gave.</summary>
    public static WorkflowListPosition? Decode(string token) =>
        PageToken.Decode(DurableList, token) is { } durable ? new(WorkflowListPart.Durable, NullIfEmpty(durable))
        : PageToken.Decode(CollectionsList, token) is { } customer ? new(WorkflowListPart.Collections, NullIfEmpty(customer))
        : null;

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
