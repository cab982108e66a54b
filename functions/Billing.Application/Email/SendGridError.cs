namespace Billing.Application.Email;

/// <summary>One entry of SendGrid's error body <c>{"errors":[{"message","field"}]}</c>; <see cref="Field"/> is null for request-wide errors.</summary>
public sealed record SendGridError(string Message, string? Field);
