using System.Text.Json.Serialization;

namespace Billing.Application.Imports;

/// <summary>
/// What importing a dropped file did: lines read, events accepted (queued for metering, where repeats of events
/// already metered count once), identical repeats within the file, and the rejected lines with their reason.
/// </summary>
public sealed record ImportReport(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("lines")] int Lines,
    [property: JsonPropertyName("accepted")] int Accepted,
    [property: JsonPropertyName("duplicates")] int Duplicates,
    [property: JsonPropertyName("rejected")] IReadOnlyList<ImportedLineRejection> Rejected,
    [property: JsonPropertyName("status")] string Status);

/// <summary>A line of a dropped file that was not imported, and why.</summary>
public sealed record ImportedLineRejection(
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("reason")] string Reason);
