using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Billing.Application.Ingestion;
using Billing.Storage;
using Billing.Storage.Blobs;
using Billing.Storage.Http;
using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Application.Imports;

/// <summary>
/// Imports usage files dropped in the <c>usage-drop</c> container: JSON lines, one scenario-format event per line, or
/// CSV with a header row mapped to event fields by a <see cref="CsvMapping"/> (files named <c>*.csv</c>).
/// Each file version (name + SHA-256 of its content) is imported once: its state (lines done, counts, rejections)
/// lives in the <c>imports</c> table and is claimed with a lease (<c>Billing:ImportLease</c>, renewed at every chunk), so several hosts running the timer import it once
/// and a crash resumes where it stopped. Lines go through the webhook's validation, dedup and queue path in chunks.
/// When done the file moves to <c>usage-imported</c> with <c>&lt;name&gt;.report.json</c> beside it; a file in which no
/// line is JSON moves to <c>usage-rejected</c> with its report. A file larger than <c>Billing:ImportMaxFileBytes</c> is
/// not read: it stays in the drop folder, logged at every run, until it is split.
/// </summary>
public sealed partial class UsageImporter(IStorageAccount storage, UsageIntake intake, Microsoft.Extensions.Options.IOptions<Configuration.BillingOptions> options, ILogger<UsageImporter> logger)
{
    public const string DropContainer = "usage-drop";
    public const string ImportedContainer = "usage-imported";
    public const string RejectedContainer = "usage-rejected";
    public const string StateTable = "imports";
    private const int ChunkLines = 1000;
    private const int MaxReportedRejections = 500;

    /// <summary>The most characters of the rejections kept in the file's state row (a Table string holds 32K).</summary>
    private const int MaxReportedLength = 24_000;

    /// <summary>The longest reason kept for one rejected line (reasons quote the input).</summary>
    private const int MaxReasonLength = 200;

    /// <summary>The longest file name imported: its report is <c>{name}.report.json</c>, and blob names hold 1,024 characters.</summary>
    public const int MaxNameLength = 900;

    private readonly ITableClient state = storage.GetTableClient(StateTable);

    /// <summary>Leases are about hosts, not billing time: they follow the system clock even when billing time is simulated.</summary>
    private static TimeProvider LeaseClock => TimeProvider.System;

    /// <summary>How long a host's claim on a file holds without progress before another host may take it over.</summary>
    private TimeSpan Lease => options.Value.ImportLease;

    /// <summary>
    /// Imports every file waiting in the drop container, up to <c>Billing:ImportParallelism</c> files at once so a small
    /// file is not held behind a large one; returns how many it finished. A file whose claim another host took over
    /// (this host was too slow to renew its lease), or that another host finished and moved after this one listed it, is left
    /// to that host and does not stop the others.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var drop = storage.GetBlobContainerClient(DropContainer);
        var finished = 0;
        var names = new List<string>();
        await foreach (var blob in drop.GetBlobsAsync(cancellationToken: ct))
        {
            if (blob.Properties.ContentLength > options.Value.ImportMaxFileBytes)
            {
                LogTooLarge(blob.Name, blob.Properties.ContentLength, options.Value.ImportMaxFileBytes);
                continue;
            }

            names.Add(blob.Name);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.ImportParallelism), CancellationToken = ct };
        await Parallel.ForEachAsync(names, parallel, async (name, token) =>
        {
            try
            {
                if (await ImportAsync(drop, name, token))
                {
                    Interlocked.Increment(ref finished);
                }
            }
            catch (StorageRequestFailedException ex) when (ex.IsPreconditionFailed)
            {
                LogLeaseLost(name);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                // One file failing never holds the others back; its lease lets a later run try it again.
                LogFileFailed(ex, name);
            }
        });

        return finished;
    }

    /// <summary>
    /// One page of the reports of every import so far (done or in progress), by file name, at most
    /// <paramref name="pageSize"/>, from the position <paramref name="continuationToken"/> names (null: the first); the next
    /// page's token is null after the last.
    /// </summary>
    public async Task<(IReadOnlyList<ImportReport> Reports, string? ContinuationToken)> PageAsync(string? continuationToken, int pageSize, CancellationToken ct)
    {
        var (rows, next) = await state.QueryAsync(TableFilter.Create($"PartitionKey eq {"import"}"), pageSize, cancellationToken: ct).PageAsync(continuationToken, pageSize);
        return ([.. rows.Select(ReportOf)], next);
    }

    private async Task<bool> ImportAsync(IBlobContainerClient drop, string name, CancellationToken ct)
    {
        if (UnusableName(name) is { } why)
        {
            LogUnusableName(name, why);
            return false;
        }

        byte[] content;
        try
        {
            content = (await drop.DownloadContentAsync(name, ct)).Content.ToArray();
        }
        catch (StorageRequestFailedException ex) when (ex.IsNotFound)
        {
            // Listed, then finished and moved out of the drop folder by another host before this one read it.
            return false;
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        // A key holds 1 KiB (512 characters): a long name's escaped form is replaced by a digest of it.
        var rowKey = KeyEscaping.EscapeWithin(name, 400) + "|" + sha256[..16];
        var row = await ClaimAsync(rowKey, name, sha256, ct);
        if (row is null)
        {
            return false;
        }

        var lines = name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? MappingFor(name).Convert(content, UsageFileLines.Split(content)) : UsageFileLines.Split(content);
        var linesDone = (int)(row.GetInt64("LinesDone") ?? 0);
        var accepted = (int)(row.GetInt64("Accepted") ?? 0);
        var duplicates = (int)(row.GetInt64("Duplicates") ?? 0);
        var jsonLines = (int)(row.GetInt64("JsonLines") ?? 0);
        var rejected = JsonSerializer.Deserialize<List<ImportedLineRejection>>(row.GetString("Rejected") ?? "[]") ?? [];
        var reportedLength = rejected.Sum(r => ReportedLength(r.Reason));
        var rejectedCount = (int)(row.GetInt64("RejectedCount") ?? 0);
        while (linesDone < lines.Count)
        {
            var chunk = lines.Skip(linesDone).Take(ChunkLines).ToList();
            var elements = new List<(JsonElement Element, string Path)>();
            var lineOf = new List<int>();
            var documents = new List<JsonDocument>();
            for (var i = 0; i < chunk.Count; i++)
            {
                var number = linesDone + i + 1;
                var (text, problem) = chunk[i];
                if (problem is null && string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                if (problem is not null)
                {
                    Reject(number, problem);
                    continue;
                }

                try
                {
                    var document = JsonDocument.Parse(text!);
                    documents.Add(document);
                    elements.Add((document.RootElement, $"line {number}"));
                    lineOf.Add(number);
                    jsonLines++;
                }
                catch (JsonException ex)
                {
                    Reject(number, $"not valid JSON (position {(ex.BytePositionInLine ?? 0) + 1})");
                }
            }

            if (elements.Count > 0)
            {
                var result = await intake.IngestElementsAsync(elements, ct);
                accepted += result.Queued;
                duplicates += result.Duplicates;
                foreach (var rejection in result.Rejected)
                {
                    Reject(lineOf[rejection.Index], rejection.Field is { Length: > 0 } field ? $"{field}: {rejection.Reason}" : rejection.Reason);
                }
            }

            foreach (var document in documents)
            {
                document.Dispose();
            }

            linesDone += chunk.Count;
            row["LinesDone"] = (long)linesDone;
            row["Accepted"] = (long)accepted;
            row["Duplicates"] = (long)duplicates;
            row["JsonLines"] = (long)jsonLines;
            row["RejectedCount"] = (long)rejectedCount;
            row["Rejected"] = JsonSerializer.Serialize(rejected);
            row["LeaseUntil"] = LeaseClock.GetUtcNow() + Lease;
            row.ETag = await state.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, ct);
        }

        var status = jsonLines == 0 && lines.Count > 0 ? "rejected" : "imported";
        var report = new ImportReport(name, sha256, lines.Count, accepted, duplicates, rejected, status);
        var target = storage.GetBlobContainerClient(status == "rejected" ? RejectedContainer : ImportedContainer);
        await target.CreateIfNotExistsAsync(ct);
        await target.UploadBlobAsync(name + ".report.json", BinaryData.FromString(JsonSerializer.Serialize(report, IngestionJson.Options)), new BlobUploadOptions { ContentType = "application/json" }, ct);
        await target.UploadBlobAsync(name, BinaryData.FromBytes(content), null, ct);
        row["Status"] = status;
        await state.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, ct);
        await drop.DeleteBlobIfExistsAsync(name, ct);
        LogImported(name, status, lines.Count, accepted, rejectedCount);
        return true;

        void Reject(int line, string reason)
        {
            rejectedCount++;
            reason = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] + "…" : reason;
            if (rejected.Count < MaxReportedRejections && reportedLength + ReportedLength(reason) <= MaxReportedLength)
            {
                rejected.Add(new ImportedLineRejection(line, reason));
                reportedLength += ReportedLength(reason);
            }
        }
    }

    /// <summary>The characters a rejection takes in the state row's JSON: its reason and about 24 of line number and syntax.</summary>
    private static int ReportedLength(string reason) => reason.Length + 24;

    /// <summary>
    /// Why the file cannot be imported under its name, or null: a name over <see cref="MaxNameLength"/> characters leaves
    /// no room for its report's blob name and state key, and a <c>.</c> or <c>..</c> segment is resolved away in the blob's
    /// address, so the file could be neither read nor moved. Such a file stays in the drop folder, logged at every run,
    /// until it is renamed.
    /// </summary>
    private static string? UnusableName(string name) =>
        name.Length > MaxNameLength ? $"its name is longer than {MaxNameLength} characters"
        : name.Split('/').Any(segment => segment is "." or "..") ? "its name has a '.' or '..' segment"
        : null;

    /// <summary>Claims the file version for this host (or takes over an expired lease); null when it is done or another host holds it.</summary>
    private async Task<TableEntity?> ClaimAsync(string rowKey, string name, string sha256, CancellationToken ct)
    {
        var now = LeaseClock.GetUtcNow();
        var fresh = new TableEntity("import", rowKey)
        {
            ["File"] = name,
            ["Sha256"] = sha256,
            ["Status"] = "importing",
            ["LinesDone"] = 0L,
            ["LeaseUntil"] = now + Lease,
        };
        try
        {
            fresh.ETag = await state.AddEntityAsync(fresh, ct);
            return fresh;
        }
        catch (StorageRequestFailedException ex) when (ex.IsConflict)
        {
            var existing = await state.GetEntityAsync("import", rowKey, cancellationToken: ct);
            if (existing.GetString("Status") != "importing")
            {
                // Imported before (a crash after the state was written but before the drop was cleared): clear it now.
                await storage.GetBlobContainerClient(DropContainer).DeleteBlobIfExistsAsync(name, ct);
                return null;
            }

            if (existing.GetDateTimeOffset("LeaseUntil") > now)
            {
                return null;
            }

            existing["LeaseUntil"] = now + Lease;
            try
            {
                existing.ETag = await state.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, ct);
                return existing;
            }
            catch (StorageRequestFailedException conflict) when (conflict.IsPreconditionFailed)
            {
                return null;
            }
        }
    }

    /// <summary>The CSV mapping named by the file's first folder, else the configured or built-in <c>default</c>.</summary>
    private CsvMapping MappingFor(string name)
    {
        var mappings = options.Value.ImportMappings;
        var folder = name.Contains('/', StringComparison.Ordinal) ? name[..name.IndexOf('/', StringComparison.Ordinal)] : "default";
        return mappings.GetValueOrDefault(folder) ?? mappings.GetValueOrDefault("default") ?? CsvMapping.Default;
    }

    private static ImportReport ReportOf(TableEntity row) => new(
        row.GetString("File") ?? string.Empty,
        row.GetString("Sha256") ?? string.Empty,
        (int)(row.GetInt64("LinesDone") ?? 0),
        (int)(row.GetInt64("Accepted") ?? 0),
        (int)(row.GetInt64("Duplicates") ?? 0),
        JsonSerializer.Deserialize<List<ImportedLineRejection>>(row.GetString("Rejected") ?? "[]") ?? [],
        row.GetString("Status") ?? "importing");

    [LoggerMessage(Level = LogLevel.Error, Message = "Usage file {File} could not be imported in this run; a later run tries it again")]
    private partial void LogFileFailed(Exception error, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage file {File} is not imported: {Why}; rename it")]
    private partial void LogUnusableName(string file, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage file {File}: another host took over its import (this host's lease ran out); left to it")]
    private partial void LogLeaseLost(string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage file {File} is not imported: it has {Bytes} bytes, more than Billing:ImportMaxFileBytes ({MaxBytes}); split it")]
    private partial void LogTooLarge(string file, long bytes, long maxBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage file {File} {Status}: {Lines} lines, {Accepted} accepted, {Rejected} rejected")]
    private partial void LogImported(string file, string status, int lines, int accepted, int rejected);
}
