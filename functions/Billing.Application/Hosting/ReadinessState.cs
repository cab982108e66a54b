using System.Text.Json.Serialization;

namespace Billing.Application.Hosting;

/// <summary>What the readiness check found for one table, queue or container.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReadinessState>))]
public enum ReadinessState
{
    /// <summary>Storage answered and the resource exists.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>Storage answered that the resource does not exist.</summary>
    [JsonStringEnumMemberName("missing")]
    Missing,

    /// <summary>Storage did not answer in time, refused the credentials, or failed otherwise.</summary>
    [JsonStringEnumMemberName("unreachable")]
    Unreachable,
}
