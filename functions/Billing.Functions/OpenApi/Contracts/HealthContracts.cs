using Billing.Application.Hosting;

namespace Billing.Functions.OpenApi.Contracts;

/// <summary>The answer to <c>GET /api/health</c>: <c>ok</c>.</summary>
public sealed record LiveStatus(string Status);

/// <summary>The answer to <c>GET /api/health/ready</c>: <c>ready</c> and what was checked.</summary>
public sealed record ReadyStatus(string Status, ReadinessReport Checks);
