using System.Runtime.InteropServices;

namespace Billing.Workflows.Simulation;

/// <summary>
/// Every event id seen in a run, with what its first occurrence contained, for the rule "an id counts once;
/// a repeat with identical content is ignored, one with other content is rejected". Ids and contents are
/// kept as digests, not strings: a 128-bit digest of the id and a 64-bit digest of the content, 24 bytes
/// per id instead of the hundreds the strings take (a year of 12 million events otherwise needs gigabytes).
/// Two different ids share a digest with probability about n²/2¹²⁸ (10⁻²⁵ for 12 million ids); a changed
/// repeat passes for identical with probability 2⁻⁶⁴. The table is split in shards that grow one at a
/// time, so growing never copies more than a small part of it.
/// </summary>
internal sealed class SeenEventIds
{
    private const int ShardBits = 8;
    private readonly Shard[] shards = Enumerable.Range(0, 1 << ShardBits).Select(_ => new Shard()).ToArray();

    /// <summary>What a received id is: new (now remembered), a repeat with identical content, or with other content.</summary>
    public enum Sighting
    {
        New,
        IdenticalRepeat,
        ChangedRepeat,
    }

    public Sighting See(string id, string content)
    {
        var (low, high) = Digest(id, 0x9E3779B97F4A7C15UL, 0xC2B2AE3D27D4EB4FUL);
        var (contentDigest, _) = Digest(content, 0x165667B19E3779F9UL, 0x27D4EB2F165667C5UL);
        return shards[(int)(high >> (64 - ShardBits))].See(low, high | 1UL, contentDigest);
    }

    /// <summary>Two 64-bit lanes over the string's UTF-16 code units, each with a full avalanche at the end.</summary>
    private static (ulong First, ulong Second) Digest(string text, ulong seed1, ulong seed2)
    {
        // Wrapping multiplication and addition are the point here (the project checks arithmetic elsewhere).
        unchecked
        {
            var bytes = MemoryMarshal.AsBytes(text.AsSpan());
            ulong h1 = seed1 ^ (ulong)bytes.Length, h2 = seed2 + (ulong)bytes.Length;
            var words = MemoryMarshal.Cast<byte, ulong>(bytes);
            foreach (var word in words)
            {
                h1 = ulong.RotateLeft(h1 ^ (word * 0x87C37B91114253D5UL), 31) * 5 + 0x52DCE729UL;
                h2 = ulong.RotateLeft(h2 ^ (word * 0x4CF5AD432745937FUL), 33) * 5 + 0x38495AB5UL;
            }

            var tail = 0UL;
            foreach (var b in bytes[(words.Length * 8)..])
            {
                tail = (tail << 8) | b;
            }

            h1 ^= tail * 0x87C37B91114253D5UL;
            h2 ^= tail * 0x4CF5AD432745937FUL;
            h1 += h2;
            h2 += h1;
            return (Mix(h1), Mix(h2));
        }
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

    /// <summary>Open addressing with linear probing; a slot is empty while its high word is 0 (stored high words are odd).</summary>
    private sealed class Shard
    {
        private ulong[] lows = new ulong[16];
        private ulong[] highs = new ulong[16];
        private ulong[] contents = new ulong[16];
        private int count;

        public Sighting See(ulong low, ulong high, ulong content)
        {
            var mask = highs.Length - 1;
            for (var slot = (int)(low & (ulong)mask); ; slot = (slot + 1) & mask)
            {
                if (highs[slot] == 0UL)
                {
                    lows[slot] = low;
                    highs[slot] = high;
                    contents[slot] = content;
                    if (++count * 4 > highs.Length * 3)
                    {
                        Grow();
                    }

                    return Sighting.New;
                }

                if (highs[slot] == high && lows[slot] == low)
                {
                    return contents[slot] == content ? Sighting.IdenticalRepeat : Sighting.ChangedRepeat;
                }
            }
        }

        private void Grow()
        {
            var (oldLows, oldHighs, oldContents) = (lows, highs, contents);
            lows = new ulong[oldHighs.Length * 2];
            highs = new ulong[oldHighs.Length * 2];
            contents = new ulong[oldHighs.Length * 2];
            var mask = highs.Length - 1;
            for (var i = 0; i < oldHighs.Length; i++)
            {
                if (oldHighs[i] == 0UL)
                {
                    continue;
                }

                var slot = (int)(oldLows[i] & (ulong)mask);
                while (highs[slot] != 0UL)
                {
                    slot = (slot + 1) & mask;
                }

                (lows[slot], highs[slot], contents[slot]) = (oldLows[i], oldHighs[i], oldContents[i]);
            }
        }
    }
}
