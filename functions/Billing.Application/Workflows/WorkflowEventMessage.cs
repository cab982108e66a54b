namespace Billing.Application.Workflows;

/// <summary>An event for a workflow instance, as a <c>workflow-events</c> queue message (JSON): type, instance id, event name and data (JSON).</summary>
public sealed record WorkflowEventMessage(string Type, string Id, string Name, string Data);
