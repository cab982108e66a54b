using Billing.Storage;
using Billing.Storage.Tables;

namespace Billing.Application.Time;

/// <summary>
/// The clock of a host started with <c>Billing:Clock=simulated</c>: it stands still and moves only when advanced,
/// so a month of settlement plays in seconds. The instant is persisted (table <c>simclock</c>), so a restarted
/// host continues where the clock stood: <see cref="LoadAsync"/> runs at start-up, before any request, and until
/// then the clock stands at <c>Billing:ClockStart</c>. Only the clock the billing code reads is simulated;
/// timeouts and polling keep real time.
/// </summary>
public sealed class SimulatedClock(IStorageAccount storage, DateTimeOffset start) : TimeProvider
{
    public const string TableName = "simclock";
    private readonly ITableClient table = storage.GetTableClient(TableName);
    private long nowTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref nowTicks), TimeSpan.Zero);

    public async Task LoadAsync(CancellationToken ct)
    {
        await table.CreateIfNotExistsAsync(ct);
        if (await table.GetEntityIfExistsAsync("clock", "now", ct) is { } row && row.GetDateTimeOffset("Now") is { } persisted)
        {
            Interlocked.Exchange(ref nowTicks, persisted.UtcTicks);
        }
    }

    /// <summary>Moves the clock forward to <paramref name="to"/> (never backwards) and persists it.</summary>
    public async Task SetAsync(DateTimeOffset to, CancellationToken ct)
    {
        if (to < GetUtcNow())
        {
            throw new ArgumentOutOfRangeException(nameof(to), "the simulated clock only moves forward");
        }

        await table.UpsertEntityAsync(new TableEntity("clock", "now") { ["Now"] = to }, TableUpdateMode.Replace, ct);
        Interlocked.Exchange(ref nowTicks, to.UtcTicks);
    }
}
