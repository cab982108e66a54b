using Billing.Application.Rendering;
using Billing.Storage;

namespace Billing.Application.Hosting;

/// <summary>
/// <c>GET /api/health/ready</c>: asks storage for every table, queue and container of <see cref="StorageBootstrap"/>
/// (one read each, all at once, each bounded by <see cref="ProbeTimeout"/>). It only reads: a resource deleted
/// while the host runs stays missing, and the host not ready, until it is created again (a restart creates it).
/// It also looks for each invoice font file (<see cref="InvoiceFontFolders"/>): without them no invoice can be rendered.
/// </summary>
public static class StorageReadiness
{
    /// <summary>How long one probe may take before its resource counts as unreachable.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    private const string ProbeName = "readiness-probe";

    /// <summary>200 <c>{"status":"ready","checks":{...}}</c>, or 503 problem details naming what is missing or unreachable.</summary>
    public static async Task<IResult> ReadyAsync(IStorageAccount storage, InvoiceFontFolders fonts, CancellationToken ct)
    {
        var report = await CheckAsync(storage, fonts, ct);
        return report.Ready
            ? Results.Json(new { status = "ready", checks = report })
            : Results.Problem(
                title: "Not ready",
                detail: string.Join("; ", report.Failures),
                statusCode: StatusCodes.Status503ServiceUnavailable,
                extensions: new Dictionary<string, object?> { ["failures"] = report.Failures, ["checks"] = report });
    }

    public static async Task<ReadinessReport> CheckAsync(IStorageAccount storage, InvoiceFontFolders fonts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(fonts);
        var tables = ProbeAllAsync(StorageBootstrap.RequiredTables, (name, token) => storage.GetTableClient(name).GetEntityIfExistsAsync(ProbeName, ProbeName, token), ct);
        var queues = ProbeAllAsync(StorageBootstrap.RequiredQueues, (name, token) => storage.GetQueueClient(name).GetApproximateMessagesCountAsync(token), ct);
        var containers = ProbeAllAsync(StorageBootstrap.RequiredContainers, (name, token) => ContainerProbeAsync(storage, name, token), ct);
        var missing = fonts.MissingFiles();
        var fontStates = fonts.Files.ToDictionary(f => f, f => missing.Contains(f) ? ReadinessState.Missing : ReadinessState.Ok, StringComparer.Ordinal);
        return new ReadinessReport(await tables, await queues, await containers, fontStates);
    }

    /// <summary>A blob that never exists, read in the container: "blob not found" means the container is there.</summary>
    private static async Task ContainerProbeAsync(IStorageAccount storage, string name, CancellationToken ct)
    {
        try
        {
            await storage.GetBlobContainerClient(name).GetPropertiesAsync(ProbeName, ct);
        }
        catch (Azure.RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound && e.ErrorCode == StorageErrorCode.BlobNotFound)
        {
        }
    }

    private static async Task<IReadOnlyDictionary<string, ReadinessState>> ProbeAllAsync(IEnumerable<string> names, Func<string, CancellationToken, Task> probe, CancellationToken ct)
    {
        var states = await Task.WhenAll(names.Select(async name => (Name: name, State: await ProbeAsync(token => probe(name, token), ct))));
        return states.ToDictionary(s => s.Name, s => s.State, StringComparer.Ordinal);
    }

    private static async Task<ReadinessState> ProbeAsync(Func<CancellationToken, Task> probe, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await probe(timeout.Token);
            return ReadinessState.Ok;
        }
        catch (Azure.RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound
            && e.ErrorCode is StorageErrorCode.TableNotFound or StorageErrorCode.QueueNotFound or StorageErrorCode.ContainerNotFound)
        {
            return ReadinessState.Missing;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Refused credentials, a network failure or a probe past its timeout: storage did not answer usefully.
            return ReadinessState.Unreachable;
        }
    }
}
