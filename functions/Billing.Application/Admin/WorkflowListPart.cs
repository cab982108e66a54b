namespace Billing.Application.Admin;

/// <summary>The two parts of the workflows list, in listing order.</summary>
public enum WorkflowListPart
{
    /// <summary>Durable orchestration instances, in the backend's order.</summary>
    Durable,

    /// <summary>Customers' collections timelines, in customer id order.</summary>
    Collections,
}
