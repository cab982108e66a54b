using Billing.Application.Workflows;
using Billing.Storage;
using Billing.Storage.Emulator;
using Billing.Workflows.Runtime;
using Billing.Workflows.Runtime.InMemory;

namespace Billing.Functions.Tests.Workflows;

/// <summary>
/// The contract of the workflow instance and timer stores, played against the in-memory twins and against the
/// table stores over a real Azurite: conditional writes, round trips of every field, listing by type and status,
/// timers in due order.
/// </summary>
public abstract class WorkflowStoreContractTests
{
    private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 1, 31, 23, 0, 0, TimeSpan.Zero).AddTicks(1234567);

    protected abstract IWorkflowInstanceStore Instances { get; }

    protected abstract IWorkflowTimerStore Timers { get; }

    [Fact]
    public async Task Add_then_get_round_trips_every_field()
    {
        var instance = new WorkflowInstance(
            "settlement",
            "acme/2026-01",
            WorkflowStatus.Failed,
            """{"step":"settle","invoices":["INV-1"],"note":"a|b%c/d"}""",
            [
                new RunActivity("acme/2026-01/3", "settle", """{"customer":"acme","period":"2026-01"}"""),
                new StartTimer("acme/2026-01/4", new DateTimeOffset(2026, 2, 14, 9, 30, 0, TimeSpan.FromHours(2)).AddTicks(7)),
            ],
            ["acme/2026-01/1", "acme/2026-01/2"],
            [
                new WorkflowHistoryEntry(T0, "started", """{"customer":"acme"}"""),
                new WorkflowHistoryEntry(new DateTimeOffset(2026, 2, 1, 1, 0, 0, TimeSpan.FromHours(-5)).AddTicks(42), "timer fired", null),
                new WorkflowHistoryEntry(T0.AddMinutes(90), "failed", "settle: boom"),
            ],
            7,
            T0,
            T0.AddHours(2).AddTicks(3),
            "settle: boom",
            null);

        var added = await Instances.TryAddAsync(instance, default);
        Assert.NotNull(added);
        Assert.False(string.IsNullOrEmpty(added.Version));
        AssertSameContent(instance, added);

        var read = await Instances.GetAsync("settlement", "acme/2026-01", default);
        Assert.NotNull(read);
        AssertSameContent(instance, read);
        Assert.Equal(added.Version, read.Version);

        Assert.Null(await Instances.GetAsync("settlement", "acme/2026-02", default));
        Assert.Null(await Instances.GetAsync("settle", "acme/2026-01", default));
    }

    [Fact]
    public async Task A_second_add_of_the_same_type_and_id_returns_null_and_keeps_the_first()
    {
        var first = await Instances.TryAddAsync(Instance("settlement", "acme/2026-01", "{\"n\":1}"), default);
        Assert.NotNull(first);

        Assert.Null(await Instances.TryAddAsync(Instance("settlement", "acme/2026-01", "{\"n\":2}"), default));

        var read = await Instances.GetAsync("settlement", "acme/2026-01", default);
        Assert.NotNull(read);
        Assert.Equal("{\"n\":1}", read.State);
        Assert.Equal(first.Version, read.Version);

        // Another type or id is another instance.
        Assert.NotNull(await Instances.TryAddAsync(Instance("dunning", "acme/2026-01", "{\"n\":3}"), default));
        Assert.NotNull(await Instances.TryAddAsync(Instance("settlement", "acme/2026-02", "{\"n\":4}"), default));
    }

    [Fact]
    public async Task Replace_with_the_current_version_succeeds_and_changes_the_version()
    {
        var added = await Instances.TryAddAsync(Instance("settlement", "acme/2026-01", "{\"n\":1}") with { Status = WorkflowStatus.Failed, Error = "render: boom" }, default);
        Assert.NotNull(added);

        var changed = (added with { Status = WorkflowStatus.Running, Error = null, State = "{\"n\":2}", Pending = [new StartTimer("acme/2026-01/9", T0.AddDays(3))] })
            .Record(T0.AddMinutes(5), "resumed", "render: boom");
        var replaced = await Instances.TryReplaceAsync(changed, default);
        Assert.NotNull(replaced);
        Assert.False(string.IsNullOrEmpty(replaced.Version));
        Assert.NotEqual(added.Version, replaced.Version);
        AssertSameContent(changed, replaced);

        var read = await Instances.GetAsync("settlement", "acme/2026-01", default);
        Assert.NotNull(read);
        AssertSameContent(changed, read);
        Assert.Null(read.Error);
        Assert.Equal(WorkflowStatus.Running, read.Status);
        Assert.Equal(2, read.History.Count);
        Assert.Equal(2, read.Transitions);
        Assert.Equal(replaced.Version, read.Version);

        // And again from what was read.
        var again = await Instances.TryReplaceAsync(read with { Status = WorkflowStatus.Completed, Pending = [] }, default);
        Assert.NotNull(again);
        Assert.NotEqual(read.Version, again.Version);
        Assert.Equal(WorkflowStatus.Completed, (await Instances.GetAsync("settlement", "acme/2026-01", default))!.Status);
    }

    [Fact]
    public async Task Replace_with_a_stale_version_returns_null_and_leaves_the_row()
    {
        var added = await Instances.TryAddAsync(Instance("settlement", "acme/2026-01", "{\"n\":1}"), default);
        Assert.NotNull(added);
        var current = await Instances.TryReplaceAsync(added with { State = "{\"n\":2}" }, default);
        Assert.NotNull(current);

        Assert.Null(await Instances.TryReplaceAsync(added with { State = "{\"n\":3}", Status = WorkflowStatus.Failed, Error = "late" }, default));
        Assert.Null(await Instances.TryReplaceAsync(added with { State = "{\"n\":4}", Version = null }, default));

        var read = await Instances.GetAsync("settlement", "acme/2026-01", default);
        Assert.NotNull(read);
        Assert.Equal("{\"n\":2}", read.State);
        Assert.Equal(WorkflowStatus.Running, read.Status);
        Assert.Null(read.Error);
        Assert.Equal(current.Version, read.Version);

        // An instance that was never stored cannot be replaced (nor is it created), whatever version it carries.
        Assert.Null(await Instances.TryReplaceAsync(current with { Id = "acme/2026-02" }, default));
        Assert.Null(await Instances.GetAsync("settlement", "acme/2026-02", default));
    }

    [Fact]
    public async Task List_filters_by_type_and_status_and_sorts_by_type_then_id()
    {
        Assert.Empty(await Instances.ListAsync(null, null, default));

        await AddAsync(Instance("settle", "b"));
        await AddAsync(Instance("settlement", "a"));
        await AddAsync(Instance("settle", "c") with { Status = WorkflowStatus.Completed });
        await AddAsync(Instance("settle", "a/b"));
        await AddAsync(Instance("dunning", "z") with { Status = WorkflowStatus.Failed, Error = "email: boom" });
        await AddAsync(Instance("settle", "a"));
        await AddAsync(Instance("settle-x", "a"));

        Assert.Equal(["settle/a", "settle/a/b", "settle/b", "settle/c"], Keys(await Instances.ListAsync("settle", null, default)));
        Assert.Equal(["settle/a", "settle/a/b", "settle/b"], Keys(await Instances.ListAsync("settle", WorkflowStatus.Running, default)));
        Assert.Equal(["settle/c"], Keys(await Instances.ListAsync("settle", WorkflowStatus.Completed, default)));
        Assert.Empty(await Instances.ListAsync("settle", WorkflowStatus.Failed, default));
        Assert.Equal(["settlement/a"], Keys(await Instances.ListAsync("settlement", null, default)));
        Assert.Equal(["settle-x/a"], Keys(await Instances.ListAsync("settle-x", null, default)));
        Assert.Empty(await Instances.ListAsync("settl", null, default));
        Assert.Empty(await Instances.ListAsync("settlements", null, default));

        Assert.Equal(
            ["dunning/z", "settle/a", "settle/a/b", "settle/b", "settle/c", "settle-x/a", "settlement/a"],
            Keys(await Instances.ListAsync(null, null, default)));
        Assert.Equal(
            ["settle/a", "settle/a/b", "settle/b", "settle-x/a", "settlement/a"],
            Keys(await Instances.ListAsync(null, WorkflowStatus.Running, default)));

        // Listed instances are whole, with the version a replace needs.
        var failed = Assert.Single(await Instances.ListAsync(null, WorkflowStatus.Failed, default));
        Assert.Equal("email: boom", failed.Error);
        Assert.NotNull(await Instances.TryReplaceAsync(failed with { Status = WorkflowStatus.Running, Error = null }, default));
        Assert.Empty(await Instances.ListAsync("dunning", WorkflowStatus.Failed, default));
    }

    [Fact]
    public async Task Adding_a_timer_twice_keeps_one()
    {
        var timer = new WorkflowTimer("settlement", "acme/2026-01", "acme/2026-01/2", T0.AddDays(1));
        await Timers.AddAsync(timer, default);
        await Timers.AddAsync(timer with { }, default);

        Assert.Equal([timer], await Timers.DueAsync(DateTimeOffset.MaxValue, default));
    }

    [Fact]
    public async Task Adding_timers_together_keeps_one_row_each_even_when_some_exist()
    {
        var set = Enumerable.Range(0, 130).Select(i => new WorkflowTimer("settlement", "acme/2026-01", $"acme/2026-01/dunning/{i}", T0.AddMinutes(i))).ToList();
        await Timers.AddAsync(set[5], default);

        await Timers.AddAllAsync(set, default);
        await Timers.AddAllAsync([set[0], set[0], set[129]], default);

        Assert.Equal(set, await Timers.DueAsync(DateTimeOffset.MaxValue, default));
    }

    [Fact]
    public async Task Due_returns_only_due_timers_earliest_first_across_instances()
    {
        var until = T0.AddMinutes(10).ToOffset(TimeSpan.FromHours(1));
        var atUntil = new WorkflowTimer("settle", "b", "b/1", T0.AddMinutes(10));
        var justAfter = new WorkflowTimer("settle", "b", "b/2", T0.AddMinutes(10).AddTicks(1));
        var earlyA = new WorkflowTimer("settle", "a", "a/1", T0.AddMinutes(5));
        var earlyDunning = new WorkflowTimer("dunning", "z|1", "z|1/1", T0.AddMinutes(5).ToOffset(TimeSpan.FromHours(-8)));
        var earliest = new WorkflowTimer("settlement", "acme/2026-01", "acme/2026-01/7", T0.AddDays(-3));
        var later = new WorkflowTimer("settle", "a", "a/2", T0.AddHours(1));
        foreach (var timer in new[] { atUntil, later, earlyA, justAfter, earliest, earlyDunning })
        {
            await Timers.AddAsync(timer, default);
        }

        Assert.Equal([earliest, earlyDunning, earlyA, atUntil], await Timers.DueAsync(until, default));
        Assert.Equal([earliest], await Timers.DueAsync(T0.AddMinutes(5).AddTicks(-1), default));
        Assert.Empty(await Timers.DueAsync(T0.AddDays(-3).AddTicks(-1), default));
        Assert.Equal([earliest, earlyDunning, earlyA, atUntil, justAfter, later], await Timers.DueAsync(T0.AddYears(1), default));

        // A timer read back still names its row: removing it takes it out of the due list.
        var due = await Timers.DueAsync(until, default);
        await Timers.RemoveAsync(due[1], default);
        Assert.Equal([earliest, earlyA, atUntil], await Timers.DueAsync(until, default));
    }

    [Fact]
    public async Task Next_due_after_an_instant_skips_the_rows_due_by_then()
    {
        var leftBehind = new WorkflowTimer("settle", "a", "a/1", T0);
        var atNow = new WorkflowTimer("settle", "b", "b/1", T0.AddHours(1));
        var ahead = new WorkflowTimer("settle", "c", "c/1", T0.AddHours(1).AddTicks(1));
        await Timers.AddAllAsync([leftBehind, atNow, ahead], default);

        Assert.Equal(ahead.DueAt, await Timers.NextDueAsync(T0.AddHours(1), default));
        Assert.Equal(leftBehind.DueAt, await Timers.NextDueAsync(null, default));
        Assert.Null(await Timers.NextDueAsync(ahead.DueAt, default));
    }

    [Fact]
    public async Task Next_due_is_the_earliest_timer_or_null()
    {
        Assert.Null(await Timers.NextDueAsync(null, default));

        var first = new WorkflowTimer("settle", "b", "b/1", T0.AddHours(3));
        var second = new WorkflowTimer("settle", "a", "a/1", T0.AddHours(1).AddTicks(9));
        await Timers.AddAsync(first, default);
        Assert.Equal(first.DueAt, await Timers.NextDueAsync(null, default));

        await Timers.AddAsync(second, default);
        Assert.Equal(second.DueAt, await Timers.NextDueAsync(null, default));

        await Timers.RemoveAsync(second, default);
        Assert.Equal(first.DueAt, await Timers.NextDueAsync(null, default));

        await Timers.RemoveAsync(first, default);
        Assert.Null(await Timers.NextDueAsync(null, default));
    }

    [Fact]
    public async Task Removing_a_timer_takes_only_it_and_removing_a_missing_one_is_no_error()
    {
        var kept = new WorkflowTimer("settle", "a", "a/1", T0);
        var removed = new WorkflowTimer("settle", "a", "a/2", T0);
        await Timers.AddAsync(kept, default);
        await Timers.AddAsync(removed, default);

        await Timers.RemoveAsync(removed, default);
        Assert.Equal([kept], await Timers.DueAsync(T0, default));

        await Timers.RemoveAsync(removed, default);
        await Timers.RemoveAsync(new WorkflowTimer("settle", "never", "never/1", T0), default);

        // Same command, another due instant: another row, so the kept one stays.
        await Timers.RemoveAsync(kept with { DueAt = T0.AddTicks(1) }, default);
        Assert.Equal([kept], await Timers.DueAsync(T0.AddDays(1), default));
    }

    private static WorkflowInstance Instance(string type, string id, string state = "{}") =>
        new WorkflowInstance(type, id, WorkflowStatus.Running, state, [], [], [], 0, T0, T0, null, null).Record(T0, "started", null);

    private async Task AddAsync(WorkflowInstance instance) => Assert.NotNull(await Instances.TryAddAsync(instance, default));

    private static List<string> Keys(IReadOnlyList<WorkflowInstance> instances) => instances.Select(i => i.Type + "/" + i.Id).ToList();

    private static void AssertSameContent(WorkflowInstance expected, WorkflowInstance actual)
    {
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.Pending, actual.Pending);
        Assert.Equal(expected.Pending.Select(c => c.GetType()), actual.Pending.Select(c => c.GetType()));
        Assert.Equal(expected.Timers, actual.Timers);
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected.Transitions, actual.Transitions);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
        Assert.Equal(expected.CreatedAt.UtcTicks, actual.CreatedAt.UtcTicks);
        Assert.Equal(expected.UpdatedAt.UtcTicks, actual.UpdatedAt.UtcTicks);
        Assert.Equal(expected.Error, actual.Error);
    }
}

/// <summary>The contract against the in-memory twins (a fresh pair per test).</summary>
public sealed class InMemoryWorkflowStoreContractTests : WorkflowStoreContractTests
{
    protected override IWorkflowInstanceStore Instances { get; } = new InMemoryWorkflowInstanceStore();

    protected override IWorkflowTimerStore Timers { get; } = new InMemoryWorkflowTimerStore();
}

/// <summary>The contract against the table stores over Azurite (fresh tables per test).</summary>
public sealed class TableWorkflowStoreContractTests(WorkflowAzuriteFixture azurite) : WorkflowStoreContractTests, IClassFixture<WorkflowAzuriteFixture>, IAsyncLifetime
{
    private IWorkflowInstanceStore? instances;
    private IWorkflowTimerStore? timers;

    protected override IWorkflowInstanceStore Instances => instances ?? throw new InvalidOperationException("The tables have not been created.");

    protected override IWorkflowTimerStore Timers => timers ?? throw new InvalidOperationException("The tables have not been created.");

    public async Task InitializeAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..16];
        var instanceTable = azurite.Storage.GetTableClient("wfi" + suffix);
        var timerTable = azurite.Storage.GetTableClient("wft" + suffix);
        Assert.True(await instanceTable.CreateIfNotExistsAsync());
        Assert.True(await timerTable.CreateIfNotExistsAsync());
        instances = new WorkflowInstanceTable(instanceTable);
        timers = new WorkflowTimerTable(timerTable);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>One Azurite (free ports, in memory) for the table-store contract tests; killed when they end.</summary>
public sealed class WorkflowAzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? azurite;

    public IStorageAccount Storage { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync();
        Storage = StorageAccount.FromConnectionString(azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }
}
