using Billing.Storage.Tables;
using Billing.Storage.Usage;

namespace Billing.Storage.Tests.Usage;

/// <summary>The month rollup row: its text round-trips exactly, and merging copies in any order ends at the newest.</summary>
public sealed class MonthRollupTests
{
    private static readonly DateOnly Day = new(2026, 3, 29);

    [Fact]
    public void Copies_round_trip_through_the_row_with_scale_late_totals_and_daylight_saving_hour_24()
    {
        var rollup = MonthRollup.Empty();
        var copies = new Dictionary<RollupSlot, HourlyUsage>
        {
            [new(Day, 0, 0)] = new(1.50m, 3, 0.75m, 0m, 0, 0m),
            [new(Day, 24, 3)] = new(12345678901234567890.123456789m, 7, 9m, 2.000m, 2, 1.5m),
            [new(Day, 5, 11)] = new(0m, 1, 0m, 0m, 0, 0m),
            [new(Day.AddDays(1), 5, 3)] = new(4m, 4, 1m, 0m, 0, 0m),
        };
        var changed = rollup.Merge(copies);

        var row = new TableEntity(MonthRollup.PartitionKey("acme|x", "calls"), MonthRollup.RowKey("acme|x", "calls", Day));
        foreach (var property in changed)
        {
            row[property] = rollup.Render(property);
        }

        var read = MonthRollup.Read(row, 2026, 3);

        Assert.Equal(["D29G0", "D29G3", "D30G3"], changed.Order(StringComparer.Ordinal));
        Assert.Equal(copies.OrderBy(c => c.Key.Day).ThenBy(c => c.Key.Hour).ThenBy(c => c.Key.Shard), read.Slots.OrderBy(c => c.Key.Day).ThenBy(c => c.Key.Hour).ThenBy(c => c.Key.Shard));
        Assert.Equal("1.50", read.Slots[new(Day, 0, 0)].Sum.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("acme%7Cx|calls|months", row.PartitionKey);
        Assert.Equal("202603~acme%7Cx|calls|months", row.RowKey);
    }

    [Fact]
    public void A_copy_with_fewer_events_never_replaces_a_newer_one_whatever_the_order()
    {
        var slot = new RollupSlot(Day, 10, 1);
        var versions = Enumerable.Range(1, 6).Select(n => new HourlyUsage(n * 2m, n, 2m, 0m, 0, 0m)).ToList();

        foreach (var order in new[] { versions, Enumerable.Reverse(versions).ToList(), [versions[2], versions[5], versions[0], versions[5], versions[1]] })
        {
            var rollup = MonthRollup.Empty();
            foreach (var version in order)
            {
                rollup.Merge([KeyValuePair.Create(slot, version)]);
            }

            Assert.Equal(versions[5], rollup.Slots[slot]);
        }
    }

    [Fact]
    public void A_copy_already_held_changes_nothing()
    {
        var slot = new RollupSlot(Day, 10, 1);
        var rollup = MonthRollup.Empty();
        rollup.Merge([KeyValuePair.Create(slot, new HourlyUsage(5m, 2, 3m, 1m, 1, 1m))]);

        Assert.Empty(rollup.Merge([KeyValuePair.Create(slot, new HourlyUsage(5m, 2, 3m, 1m, 1, 1m))]));
        Assert.Empty(rollup.Merge([KeyValuePair.Create(slot, new HourlyUsage(4m, 1, 3m, 1m, 1, 1m))]));
    }

    [Fact]
    public void A_malformed_entry_is_reported_not_guessed()
    {
        var row = new TableEntity("p", "202603") { ["D01G0"] = "3.0=1,2" };

        Assert.Throws<InvalidDataException>(() => MonthRollup.Read(row, 2026, 3));
    }
}
