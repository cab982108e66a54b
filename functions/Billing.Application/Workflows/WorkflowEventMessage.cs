using System.Text.Json.Serialization;

namespace Billing.Application.Workflows;

/// <summary>
/// An event for a workflow instance, as a <c>workflow-events</c> queue message (JSON): type, instance id, event name and
/// data (JSON), and the W3C <c>traceparent</c> of the sender (absent in older messages): delivery continues its trace.
/// </summary>
public sealed record WorkflowEventMessage(string Type, string Id, string Name, string Data)
{
    [JsonPropertyName("traceparent")]
    public string? TraceParent { get; init; }
}
