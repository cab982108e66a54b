using System.Runtime.InteropServices;

namespace Billing.Workflows.Simulation;

/// <summary>
/// Every event id seen in a run, with what its first occurrence contained, for the rule "an id counts once;
/// a repeat with identical content is ignored, one with other content is rejected". Ids and contents are
/// kept as digests, not strings, 20 bytes per id: a 128-bit digest of the id, of which 103 bits are
/// told apart (64 stored whole, 31 more stored, 8 implied by the shard that holds the id; the stored 32-bit
/// part has its lowest bit set to mark the slot used), and a 64-bit digest of the content. Two different ids
/// share those 103 bits with probability about n²/2¹⁰⁴ (10⁻¹⁷ for 12 million ids); a changed repeat passes
/// for identical with probability 2⁻⁶⁴. The table is split in shards that grow one at a time by half
/// their size, so growing never copies more than a small part of it, no more than half of it is empty, and
/// the slots a shard leaves when it grows are used again by the next.
/// </summary>
internal sealed class SeenEventIds
{
    private const int ShardBits = 8;
    private const int ChunkBits = 13;
    private const int ChunkSlots = 1 << ChunkBits;
    private const int ChunkMask = ChunkSlots - 1;
    private readonly Shard[] shards;

    public SeenEventIds()
    {
        var pool = new Stack<Slot[]>();
        shards = Enumerable.Range(0, 1 << ShardBits).Select(_ => new Shard(pool)).ToArray();
    }

    /// <summary>What a received id is: new (now remembered), a repeat with identical content, or with other content.</summary>
    public enum Sighting
    {
        New,
        IdenticalRepeat,
        ChangedRepeat,
    }

    /// <summary>
    /// The digests of an id and its content, and where they go. The home slot is read here, so that the
    /// memory (a random place in a large table) is on its way while the caller does other work before <see cref="See(in Digests)"/>.
    /// </summary>
    public Digests Digest(string id, string content)
    {
        var (low, high) = IdDigest(id);
        var shard = (int)(high >> (64 - ShardBits));
        return new Digests(low, unchecked((uint)high) | 1u, ContentDigest(content), shard, shards[shard].Touch(low));
    }

    /// <summary>Remembers the id if it is new; otherwise tells whether the content is the same as the first time.</summary>
    public Sighting See(in Digests digests) => shards[digests.Shard].See(digests.IdLow, digests.IdHigh, digests.Content);

    public Sighting See(string id, string content) => See(Digest(id, content));

    /// <summary>An event's digests (see <see cref="Digest"/>); <see cref="Touched"/> is the home slot's word as read then.</summary>
    public readonly record struct Digests(ulong IdLow, uint IdHigh, ulong Content, int Shard, uint Touched);

    /// <summary>Two 64-bit lanes over the id's UTF-16 code units, each with a full avalanche at the end.</summary>
    private static (ulong First, ulong Second) IdDigest(string text)
    {
        // Wrapping multiplication and addition are the point here (the project checks arithmetic elsewhere).
        unchecked
        {
            var bytes = MemoryMarshal.AsBytes(text.AsSpan());
            ulong h1 = 0x9E3779B97F4A7C15UL ^ (ulong)bytes.Length, h2 = 0xC2B2AE3D27D4EB4FUL + (ulong)bytes.Length;
            var words = MemoryMarshal.Cast<byte, ulong>(bytes);
            foreach (var word in words)
            {
                h1 = ulong.RotateLeft(h1 ^ (word * 0x87C37B91114253D5UL), 31) * 5 + 0x52DCE729UL;
                h2 = ulong.RotateLeft(h2 ^ (word * 0x4CF5AD432745937FUL), 33) * 5 + 0x38495AB5UL;
            }

            var tail = Tail(bytes[(words.Length * 8)..]);
            h1 ^= tail * 0x87C37B91114253D5UL;
            h2 ^= tail * 0x4CF5AD432745937FUL;
            h1 += h2;
            h2 += h1;
            return (Mix(h1), Mix(h2));
        }
    }

    /// <summary>
    /// A 64-bit digest of the content's UTF-16 code units: two lanes take alternate words (MurmurHash3's
    /// block step; two independent chains run about twice as fast as one), then are folded and avalanched.
    /// </summary>
    private static ulong ContentDigest(string text)
    {
        unchecked
        {
            var bytes = MemoryMarshal.AsBytes(text.AsSpan());
            ulong h1 = 0x165667B19E3779F9UL ^ (ulong)bytes.Length, h2 = 0x27D4EB2F165667C5UL + (ulong)bytes.Length;
            var words = MemoryMarshal.Cast<byte, ulong>(bytes);
            var pairs = words.Length / 2;
            for (var i = 0; i < pairs; i++)
            {
                h1 ^= ulong.RotateLeft(words[2 * i] * 0x87C37B91114253D5UL, 31) * 0x4CF5AD432745937FUL;
                h1 = ulong.RotateLeft(h1, 27) * 5 + 0x52DCE729UL;
                h2 ^= ulong.RotateLeft(words[(2 * i) + 1] * 0x4CF5AD432745937FUL, 33) * 0x87C37B91114253D5UL;
                h2 = ulong.RotateLeft(h2, 31) * 5 + 0x38495AB5UL;
            }

            var last = words.Length % 2 == 1 ? words[^1] : 0UL;
            h1 ^= ulong.RotateLeft(last * 0x87C37B91114253D5UL, 31) * 0x4CF5AD432745937FUL;
            h2 ^= ulong.RotateLeft(Tail(bytes[(words.Length * 8)..]) * 0x4CF5AD432745937FUL, 33) * 0x87C37B91114253D5UL;
            h1 += h2;
            h2 += h1;
            return Mix(h1) ^ Mix(h2);
        }
    }

    /// <summary>The last bytes that do not fill a 64-bit word.</summary>
    private static ulong Tail(ReadOnlySpan<byte> bytes)
    {
        var tail = 0UL;
        foreach (var b in bytes)
        {
            tail = (tail << 8) | b;
        }

        return tail;
    }

    /// <summary>The 64-bit finaliser of MurmurHash3: every input bit affects every output bit.</summary>
    private static ulong Mix(ulong k)
    {
        unchecked
        {
            k = (k ^ (k >> 33)) * 0xFF51AFD7ED558CCDUL;
            k = (k ^ (k >> 33)) * 0xC4CEB9FE1A85EC53UL;
            return k ^ (k >> 33);
        }
    }

    /// <summary>One stored id: a slot is empty while <see cref="IdHigh"/> is 0 (stored values are odd).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Slot
    {
        public ulong IdLow;
        public ulong Content;
        public uint IdHigh;
    }

    /// <summary>
    /// Open addressing with linear probing, at most three quarters full. The home slot is the top half of the
    /// low word scaled to the capacity, so the capacity need not be a power of two and can grow by half.
    /// Beyond one chunk the slots live in chunks of <see cref="ChunkSlots"/>; a shard that grows hands its old
    /// chunks to a pool the next growing shard takes from, so growth leaves almost nothing for the garbage
    /// collector and the memory held stays close to what the slots need.
    /// </summary>
    private sealed class Shard(Stack<Slot[]> pool)
    {
        private Slot[][] chunks = [new Slot[16]];
        private int capacity = 16;
        private int count;

        public Sighting See(ulong low, uint high, ulong content)
        {
            for (var slot = Home(low, capacity); ; slot = slot + 1 == capacity ? 0 : slot + 1)
            {
                ref var entry = ref chunks[slot >> ChunkBits][slot & ChunkMask];
                if (entry.IdHigh == 0u)
                {
                    entry.IdLow = low;
                    entry.IdHigh = high;
                    entry.Content = content;
                    if (++count * 4L > capacity * 3L)
                    {
                        Grow();
                    }

                    return Sighting.New;
                }

                if (entry.IdHigh == high && entry.IdLow == low)
                {
                    return entry.Content == content ? Sighting.IdenticalRepeat : Sighting.ChangedRepeat;
                }
            }
        }

        /// <summary>Reads the home slot of the id (a volatile read, so it is not left out as unused).</summary>
        public uint Touch(ulong low)
        {
            var slot = Home(low, capacity);
            return Volatile.Read(ref chunks[slot >> ChunkBits][slot & ChunkMask].IdHigh);
        }

        private static int Home(ulong low, int capacity) => (int)(((low >> 32) * (ulong)capacity) >> 32);

        private void Grow()
        {
            var next = capacity + (capacity / 2);
            next = next <= ChunkSlots ? next : (next + ChunkSlots - 1) / ChunkSlots * ChunkSlots;
            var table = new Slot[(next + ChunkSlots - 1) / ChunkSlots][];
            for (var i = 0; i < table.Length; i++)
            {
                table[i] = next < ChunkSlots ? new Slot[next] : Reused();
            }

            foreach (var chunk in chunks)
            {
                foreach (var entry in chunk)
                {
                    if (entry.IdHigh == 0u)
                    {
                        continue;
                    }

                    var slot = Home(entry.IdLow, next);
                    while (table[slot >> ChunkBits][slot & ChunkMask].IdHigh != 0u)
                    {
                        slot = slot + 1 == next ? 0 : slot + 1;
                    }

                    table[slot >> ChunkBits][slot & ChunkMask] = entry;
                }

                if (chunk.Length == ChunkSlots)
                {
                    pool.Push(chunk);
                }
            }

            chunks = table;
            capacity = next;
        }

        private Slot[] Reused()
        {
            if (pool.TryPop(out var chunk))
            {
                Array.Clear(chunk);
                return chunk;
            }

            return new Slot[ChunkSlots];
        }
    }
}
