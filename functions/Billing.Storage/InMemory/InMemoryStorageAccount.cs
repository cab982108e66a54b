using System.Collections.Concurrent;
using Billing.Storage.Blobs;
using Billing.Storage.Queues;
using Billing.Storage.Tables;

namespace Billing.Storage.InMemory;

/// <summary>
/// An in-memory storage account: tables, containers and queues with the same contract as the Azure SDK clients behind
/// <see cref="StorageAccount"/> (ETags, typed errors, continuation paging at 1,000, atomic transactions, visibility
/// timeouts). Kept for what needs storage without an emulator process: the email tests (outbox, sender registration),
/// tests of queue expiry and visibility on a fake clock (days pass in no time, which Azurite cannot do), and the storage
/// contract suite, which runs every case against both this twin and Azurite so the two cannot drift apart. The scenario
/// runner and the engine do not use it (they keep their state, dunning ladders included, in memory).
/// Time comes from the injected <see cref="TimeProvider"/>. Thread-safe.
/// Resource names are case-insensitive for tables and case-sensitive for containers and queues, as on the service.
/// Not included: persistence, service limits on entity size and property count.
/// </summary>
public sealed class InMemoryStorageAccount : IStorageAccount
{
    private long requests;
    private long lastTimestampTicks;

    public InMemoryStorageAccount(TimeProvider? timeProvider = null, string accountName = "inmemory")
    {
        Time = timeProvider ?? TimeProvider.System;
        AccountName = accountName;
    }

    public string AccountName { get; }

    /// <summary>How many operations reached the "service" (after client-side checks), as a count of requests would.</summary>
    public long RequestCount => Interlocked.Read(ref requests);

    internal TimeProvider Time { get; }

    internal ConcurrentDictionary<string, InMemoryTableClient.TableState> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal ConcurrentDictionary<string, InMemoryBlobContainerClient.ContainerState> Containers { get; } = new(StringComparer.Ordinal);

    internal ConcurrentDictionary<string, InMemoryQueueClient.QueueState> Queues { get; } = new(StringComparer.Ordinal);

    public ITableClient GetTableClient(string tableName) => new InMemoryTableClient(this, tableName);

    public IBlobContainerClient GetBlobContainerClient(string containerName) => new InMemoryBlobContainerClient(this, containerName);

    public IQueueClient GetQueueClient(string queueName) => new InMemoryQueueClient(this, queueName);

    internal void CountRequest(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref requests);
    }

    /// <summary>The current time, but strictly after every earlier stamp, so ETags derived from it are unique.</summary>
    internal DateTimeOffset NextTimestamp()
    {
        while (true)
        {
            long last = Interlocked.Read(ref lastTimestampTicks);
            long next = Math.Max(Time.GetUtcNow().UtcTicks, last + 1);
            if (Interlocked.CompareExchange(ref lastTimestampTicks, next, last) == last)
            {
                return new DateTimeOffset(next, TimeSpan.Zero);
            }
        }
    }
}
