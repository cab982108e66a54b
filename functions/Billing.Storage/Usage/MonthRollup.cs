using System.Globalization;
using System.Text;
using Billing.Storage.Tables;

namespace Billing.Storage.Usage;

/// <summary>One hourly aggregate row as the month rollup copies it: its local day and hour, its shard, and its totals.</summary>
public readonly record struct RollupSlot(DateOnly Day, int Hour, int Shard);

/// <summary>
/// The month rollup of one customer's meter: a copy of every hourly aggregate row (<c>!hNN</c>) of the month's
/// day partitions, kept in one row so the month's usage is one point read. Row: PartitionKey
/// <c>{customer}|{meter}|months</c>, RowKey <c>yyyyMM~{partition}</c> (the local month; <see cref="ScopedRowKey"/>). Properties <c>D{dd}G{g}</c> hold the
/// copies of day <c>dd</c> for the shards <c>s</c> with <c>s % 8 = g</c> (at most 31 x 8 properties, under the
/// service's 252, and a few KB each, under its 64 KiB), as <c>{hour}.{shard}={sum},{count},{max}[,{lateSum},{lateCount},{lateMax}]</c>
/// entries separated by <c>;</c>, decimals in invariant notation (exact round trip).
/// <para>
/// A copy is replaced only by one with more events (on-time plus late count). An hour row only changes by
/// gaining events, so the copy with more events is the newer one, and merging copies in any order, any number
/// of times, ends at the hour rows' current state: the rollup is written after the events' transaction, and a
/// retried or concurrent write can neither double count nor move it backwards.
/// </para>
/// </summary>
public sealed class MonthRollup
{
    /// <summary>Shards share a property group modulo this (so 31 days x groups stays under the property limit).</summary>
    public const int Groups = 8;

    private readonly Dictionary<RollupSlot, HourlyUsage> slots;

    private MonthRollup(Dictionary<RollupSlot, HourlyUsage> slots) => this.slots = slots;

    public static MonthRollup Empty() => new([]);

    public IReadOnlyDictionary<RollupSlot, HourlyUsage> Slots => slots;

    public static string PartitionKey(string customer, string meter) => $"{KeyEscaping.Escape(customer)}|{KeyEscaping.Escape(meter)}|months";

    public static string RowKey(string customer, string meter, DateOnly day) =>
        ScopedRowKey.Of(day.ToString("yyyyMM", CultureInfo.InvariantCulture), PartitionKey(customer, meter));

    public static string PropertyOf(RollupSlot slot) =>
        string.Create(CultureInfo.InvariantCulture, $"D{slot.Day.Day:D2}G{slot.Shard % Groups}");

    /// <summary>Reads the copies of a stored rollup row (properties that are not day groups are ignored).</summary>
    public static MonthRollup Read(TableEntity row, int year, int month)
    {
        var slots = new Dictionary<RollupSlot, HourlyUsage>();
        foreach (var (name, value) in row.Properties)
        {
            if (name.Length != 5 || name[0] != 'D' || name[3] != 'G' || value is not string text || text.Length == 0)
            {
                continue;
            }

            var day = new DateOnly(year, month, int.Parse(name.AsSpan(1, 2), CultureInfo.InvariantCulture));
            foreach (var entry in text.Split(';'))
            {
                var (slot, usage) = ParseEntry(day, entry);
                slots[slot] = usage;
            }
        }

        return new MonthRollup(slots);
    }

    /// <summary>
    /// Takes the copies that are newer than the ones held; returns the names of the properties that changed
    /// (empty when nothing did). The receiver is changed in place.
    /// </summary>
    public IReadOnlySet<string> Merge(IEnumerable<KeyValuePair<RollupSlot, HourlyUsage>> copies)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (slot, usage) in copies)
        {
            if (!slots.TryGetValue(slot, out var held) || Events(usage) > Events(held))
            {
                slots[slot] = usage;
                changed.Add(PropertyOf(slot));
            }
        }

        return changed;
    }

    /// <summary>The value of one property (all its copies, in hour and shard order).</summary>
    public string Render(string property)
    {
        var text = new StringBuilder();
        foreach (var (slot, usage) in slots.Where(s => PropertyOf(s.Key) == property).OrderBy(s => s.Key.Hour).ThenBy(s => s.Key.Shard))
        {
            if (text.Length > 0)
            {
                text.Append(';');
            }

            text.Append(CultureInfo.InvariantCulture, $"{slot.Hour}.{slot.Shard}={usage.Sum},{usage.Count},{usage.Max}");
            if (usage.LateCount > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $",{usage.LateSum},{usage.LateCount},{usage.LateMax}");
            }
        }

        return text.ToString();
    }

    public MonthRollup Copy() => new(new Dictionary<RollupSlot, HourlyUsage>(slots));

    private static long Events(HourlyUsage usage) => usage.Count + usage.LateCount;

    private static (RollupSlot Slot, HourlyUsage Usage) ParseEntry(DateOnly day, string entry)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        var dot = entry.IndexOf('.', StringComparison.Ordinal);
        if (equals < 0 || dot < 0 || dot > equals)
        {
            throw new InvalidDataException($"month rollup entry '{entry}' is malformed");
        }

        var hour = int.Parse(entry.AsSpan(0, dot), CultureInfo.InvariantCulture);
        var shard = int.Parse(entry.AsSpan(dot + 1, equals - dot - 1), CultureInfo.InvariantCulture);
        var values = entry[(equals + 1)..].Split(',');
        if (values.Length is not (3 or 6))
        {
            throw new InvalidDataException($"month rollup entry '{entry}' is malformed");
        }

        var usage = new HourlyUsage(
            decimal.Parse(values[0], NumberStyles.Number, CultureInfo.InvariantCulture),
            long.Parse(values[1], CultureInfo.InvariantCulture),
            decimal.Parse(values[2], NumberStyles.Number, CultureInfo.InvariantCulture),
            values.Length == 6 ? decimal.Parse(values[3], NumberStyles.Number, CultureInfo.InvariantCulture) : 0m,
            values.Length == 6 ? long.Parse(values[4], CultureInfo.InvariantCulture) : 0,
            values.Length == 6 ? decimal.Parse(values[5], NumberStyles.Number, CultureInfo.InvariantCulture) : 0m);
        return (new RollupSlot(day, hour, shard), usage);
    }
}
