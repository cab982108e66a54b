namespace Billing.Domain.Metering;

/// <summary>The JSON kind of an event property as it arrived.</summary>
public enum EventPropertyKind
{
    Number,
    String,
    Other,
}

/// <summary>
/// One property of a usage event as received: its JSON kind and its exact text (a number's digits as
/// written, never a binary float), so quantities are read as decimals without loss.
/// </summary>
public readonly record struct EventProperty(EventPropertyKind Kind, string Text);
