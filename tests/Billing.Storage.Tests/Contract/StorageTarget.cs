using Azure.Core;
using Billing.Storage.InMemory;
using Billing.Storage.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Storage.Tests.Contract;

/// <summary>What a contract suite runs against: an account, a count of requests that reached it, and a way to let time pass.</summary>
public abstract class StorageTarget
{
    public abstract IStorageAccount Account { get; }

    public abstract long RequestsSent { get; }

    public abstract Task LetTimePassAsync(TimeSpan duration);

    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];
}

/// <summary>The real emulator: requests counted by a pipeline policy, time passes on the wall clock.</summary>
public sealed class AzuriteTarget : StorageTarget
{
    private readonly CountingPolicy counter = new();

    public AzuriteTarget(AzuriteFixture fixture)
    {
        var options = new StorageClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        Account = StorageAccount.FromConnectionString(fixture.ConnectionString, options);
    }

    public override IStorageAccount Account { get; }

    public override long RequestsSent => counter.Count;

    public override Task LetTimePassAsync(TimeSpan duration) => Task.Delay(duration);
}

/// <summary>The in-memory twins on a fake clock: time passes instantly.</summary>
public sealed class InMemoryTarget : StorageTarget
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStorageAccount account;

    public InMemoryTarget() => account = new InMemoryStorageAccount(clock);

    public override IStorageAccount Account => account;

    public override long RequestsSent => account.RequestCount;

    public override Task LetTimePassAsync(TimeSpan duration)
    {
        clock.Advance(duration);
        return Task.CompletedTask;
    }
}
