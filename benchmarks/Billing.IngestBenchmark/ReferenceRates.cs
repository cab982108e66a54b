using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Billing.Storage;
using Billing.Storage.Tables;

namespace Billing.IngestBenchmark;

/// <summary>
/// The two reference rates, measured with the storage client straight against the same Azurite, with rows shaped
/// like the pipeline's event rows (id, customer, meter, times, quantity, fingerprint, body, late flag):
/// (a) entity group transactions of 100 inserts into one partition each, the local ceiling; (b) one insert
/// request per event, the naive path. Both run <see cref="BenchmarkOptions.Clients"/> requests at a time.
/// </summary>
internal static class ReferenceRates
{
    private const int PerTransaction = 100;

    public static async Task<double> TransactionsAsync(IStorageAccount storage, string tableName, int entities, int concurrency, Action<int> progress, CancellationToken ct)
    {
        var table = storage.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync(ct);
        var transactions = Math.Max(1, entities / PerTransaction);
        var batches = Enumerable.Range(0, transactions)
            .Select(t => Enumerable.Range(0, PerTransaction)
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, Row(string.Create(CultureInfo.InvariantCulture, $"ref|{t:D6}"), t * PerTransaction + i)))
                .ToList())
            .ToList();
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (batch, token) =>
        {
            await table.SubmitTransactionAsync(batch, token);
            progress(Interlocked.Add(ref done, batch.Count));
        });
        return transactions * PerTransaction / clock.Elapsed.TotalSeconds;
    }

    public static async Task<double> SingleInsertsAsync(IStorageAccount storage, string tableName, int inserts, int concurrency, Action<int> progress, CancellationToken ct)
    {
        var table = storage.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync(ct);
        var rows = Enumerable.Range(0, inserts).Select(i => Row(string.Create(CultureInfo.InvariantCulture, $"naive|{i % 80:D3}"), i)).ToList();
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (row, token) =>
        {
            await table.AddEntityAsync(row, token);
            progress(Interlocked.Increment(ref done));
        });
        return inserts / clock.Elapsed.TotalSeconds;
    }

    /// <summary>A row with the properties and sizes of a metered event row.</summary>
    private static TableEntity Row(string partitionKey, int n)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"ref-{n:D8}");
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        var body = $$$"""{"id":"{{{id}}}","customer":"bench-0001","meter":"api_calls","at":"{{{Workload.Timestamp(at)}}}","properties":{"quantity":7,"region":"eu-west"}}""";
        return new TableEntity(partitionKey, "e:" + id)
        {
            ["Id"] = id,
            ["Customer"] = "bench-0001",
            ["Meter"] = "api_calls",
            ["At"] = at,
            ["ReceivedAt"] = DateTimeOffset.UtcNow,
            ["Quantity"] = 7m,
            ["Fingerprint"] = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body))),
            ["Body"] = body,
            ["Late"] = false,
        };
    }
}
