using System.Buffers;
using Billing.Domain.Ordering;

namespace Billing.Domain.Rating;

/// <summary>
/// The on-time events of a meter's unsettled periods, in event-time order (at, then id in code point order), kept so that
/// deduction can be replayed when an older event arrives. Each event is a few plain fields in one array and
/// its id's characters in a shared buffer: a month of events is a few arrays per meter, not millions of
/// objects the garbage collector has to trace and promote. The per-event deduction results are not kept
/// here (the period totals carry their sums); with details kept, <see cref="DeductedUsage"/> objects ride
/// along at the same positions.
/// </summary>
internal sealed class PendingUsage(bool keepDetails)
{
    private Entry[] entries = new Entry[16];
    private DeductedUsage[]? details = keepDetails ? new DeductedUsage[16] : null;
    private char[] idChars = new char[256];
    private int idCharsUsed;

    public int Count { get; private set; }

    public long AtTicks(int index) => entries[index].AtTicks;

    /// <summary>The event time as a UTC instant (instants compare by UTC, so the original offset does not matter here).</summary>
    public DateTimeOffset At(int index) => new(entries[index].AtTicks, TimeSpan.Zero);

    public DateTimeOffset PeriodStart(int index) => new(entries[index].PeriodStartTicks, TimeSpan.Zero);

    public decimal Quantity(int index) => entries[index].Quantity;

    /// <summary>The event's id (a new string on each call).</summary>
    public string Id(int index) => new(idChars, entries[index].IdStart, entries[index].IdLength);

    /// <summary>The deducted event with its original <see cref="Metering.UsageEvent"/> (only when details are kept).</summary>
    public DeductedUsage? Detail(int index) => details?[index];

    /// <summary>
    /// Event-time order of a new event against the one at <paramref name="index"/>: negative when the new
    /// one comes first. Ties on time are broken by id in code point order, as <see cref="Metering.UsageEvent.EventTimeOrder"/>.
    /// </summary>
    public int CompareTo(int index, long atTicks, string id)
    {
        ref readonly var entry = ref entries[index];
        var byTime = atTicks.CompareTo(entry.AtTicks);
        return byTime != 0 ? byTime : CodePointOrder.Compare(id, idChars.AsSpan(entry.IdStart, entry.IdLength));
    }

    /// <summary>
    /// Where a new event goes: the index of an equal event, or the complement of the insertion point (the
    /// same search, and so the same position among equals, as <see cref="List{T}.BinarySearch(T, IComparer{T})"/>).
    /// </summary>
    public int Search(long atTicks, string id)
    {
        var lo = 0;
        var hi = Count - 1;
        while (lo <= hi)
        {
            var i = lo + ((hi - lo) >> 1);
            var order = -CompareTo(i, atTicks, id);
            if (order == 0)
            {
                return i;
            }

            if (order < 0)
            {
                lo = i + 1;
            }
            else
            {
                hi = i - 1;
            }
        }

        return ~lo;
    }

    public void Insert(int index, long atTicks, string id, decimal quantity, DateTimeOffset periodStart, DeductedUsage? detail)
    {
        if (Count == entries.Length)
        {
            Array.Resize(ref entries, entries.Length * 2);
            if (details is not null)
            {
                Array.Resize(ref details, entries.Length);
            }
        }

        if (idCharsUsed + id.Length > idChars.Length)
        {
            Array.Resize(ref idChars, Math.Max(idChars.Length * 2, idCharsUsed + id.Length));
        }

        id.CopyTo(idChars.AsSpan(idCharsUsed));
        if (index < Count)
        {
            Array.Copy(entries, index, entries, index + 1, Count - index);
            if (details is not null)
            {
                Array.Copy(details, index, details, index + 1, Count - index);
            }
        }

        entries[index] = new Entry(atTicks, periodStart.UtcTicks, quantity, idCharsUsed, id.Length);
        if (details is not null)
        {
            details[index] = detail!;
        }

        idCharsUsed += id.Length;
        Count++;
    }

    /// <summary>The number of leading events (the oldest) whose time is before the instant.</summary>
    public int CountBefore(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        var count = 0;
        while (count < Count && entries[count].AtTicks < ticks)
        {
            count++;
        }

        return count;
    }

    /// <summary>The details of the first <paramref name="count"/> events (empty without details).</summary>
    public List<DeductedUsage> DetailsOfFirst(int count) => details is null ? [] : new List<DeductedUsage>(details.AsSpan(0, count).ToArray());

    /// <summary>Forgets the first <paramref name="count"/> events and packs the ids of the rest at the buffer's start.</summary>
    public void RemoveFirst(int count)
    {
        var rest = Count - count;
        Array.Copy(entries, count, entries, 0, rest);
        Array.Clear(entries, rest, count);
        if (details is not null)
        {
            Array.Copy(details, count, details, 0, rest);
            Array.Clear(details, rest, count);
        }

        // Ids sit in the buffer in arrival order, not event order: they are gathered apart first, so that
        // moving one cannot overwrite another still to be moved.
        var restChars = 0;
        for (var i = 0; i < rest; i++)
        {
            restChars += entries[i].IdLength;
        }

        var gathered = ArrayPool<char>.Shared.Rent(Math.Max(1, restChars));
        var used = 0;
        for (var i = 0; i < rest; i++)
        {
            ref var entry = ref entries[i];
            Array.Copy(idChars, entry.IdStart, gathered, used, entry.IdLength);
            entry.IdStart = used;
            used += entry.IdLength;
        }

        Array.Copy(gathered, idChars, used);
        ArrayPool<char>.Shared.Return(gathered);
        idCharsUsed = used;
        Count = rest;
    }

    private struct Entry(long atTicks, long periodStartTicks, decimal quantity, int idStart, int idLength)
    {
        public readonly long AtTicks = atTicks;
        public readonly long PeriodStartTicks = periodStartTicks;
        public readonly decimal Quantity = quantity;
        public int IdStart = idStart;
        public readonly int IdLength = idLength;
    }
}
