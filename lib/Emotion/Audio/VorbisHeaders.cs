using System.Buffers.Binary;

namespace Emotion.Audio;

/// <summary>
/// Checks a Vorbis stream's three header packets (Vorbis I specification, 4.2) as the Ogg pages
/// deliver them, before NVorbis reads them: the identification header's block sizes, the comment
/// header's lengths, and the setup header's codebooks. NVorbis trusts every count it reads, so a
/// few forged bytes could make it loop for ever, spend seconds, or allocate gigabytes (fuzzing
/// findings: 32768-sample blocks; 1.6 billion comments claimed in 96 bytes; a codebook whose lookup
/// table took 1.3 GB for a 4 kB file). Feed it each page's lacing values and body in order.
/// </summary>
internal sealed class VorbisHeaders(string name)
{
    /// <summary>
    /// Most codebook entries, and most expanded lookup values, a stream's codebooks may hold in all
    /// (4 Mi each, 16 MB of floats): libvorbis's largest books hold a few thousand entries of up to
    /// 8 dimensions, and the decoder's tables grow with both.
    /// </summary>
    private const long CodebookBudget = 1 << 22;

    private readonly List<byte> _packet = [];
    private int _index;

    /// <summary>Takes one page's segments; checks each header packet as it completes.</summary>
    public void Add(ReadOnlySpan<byte> lacing, ReadOnlySpan<byte> body)
    {
        int offset = 0;
        foreach (byte length in lacing)
        {
            if (_index > 2)
                return;
            _packet.AddRange(body.Slice(offset, length));
            offset += length;
            if (length == 255)
                continue;
            ReadOnlySpan<byte> packet = [.. _packet];
            switch (_index++)
            {
                case 0:
                    CheckIdentification(packet);
                    break;
                case 1:
                    CheckComments(packet);
                    break;
                default:
                    CheckSetup(packet);
                    break;
            }
            _packet.Clear();
        }
    }

    /// <summary>Throws unless all three headers came whole: without them there is nothing to decode.</summary>
    public void Finish()
    {
        if (_index <= 2)
            throw new AudioFormatException(name, "truncated Ogg Vorbis data: the stream ends inside its headers");
    }

    /// <summary>
    /// Version 0, at least one channel, a sample rate, block sizes that are powers of two from 64 to
    /// 8192 with the short one no longer than the long one, and the framing bit set (4.2.2).
    /// </summary>
    private void CheckIdentification(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 30 || packet[0] != 1 || !packet[1..7].SequenceEqual("vorbis"u8))
            throw new AudioFormatException(name, "not Ogg Vorbis: the first packet is not a Vorbis identification header (other codecs in Ogg are not read)");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(packet[7..]);
        if (version != 0)
            throw new AudioFormatException(name, $"unsupported Vorbis version {version}");
        if (packet[11] == 0 || BinaryPrimitives.ReadUInt32LittleEndian(packet[12..]) == 0)
            throw new AudioFormatException(name, "corrupt Vorbis header: no channels or no sample rate");
        int shortBlock = packet[28] & 0x0F, longBlock = packet[28] >> 4;
        if (shortBlock is < 6 or > 13 || longBlock is < 6 or > 13 || shortBlock > longBlock)
            throw new AudioFormatException(name, $"corrupt Vorbis header: block sizes {1 << shortBlock} and {1 << longBlock}, where Vorbis allows 64 to 8192 with the short no longer than the long");
        if ((packet[29] & 1) == 0)
            throw new AudioFormatException(name, "corrupt Vorbis header: the framing bit is not set");
    }

    /// <summary>The vendor string, the comment count and every comment within the packet (5.2.1).</summary>
    private void CheckComments(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 7 || packet[0] != 3 || !packet[1..7].SequenceEqual("vorbis"u8))
            throw new AudioFormatException(name, "corrupt Ogg Vorbis data: the second packet is not a Vorbis comment header");
        var bits = new Bits(packet, 7 * 8, name, "comment header");
        SkipString(ref bits, packet.Length);
        long count = bits.Read(32);
        if (count > bits.Remaining / 32)
            throw new AudioFormatException(name, $"corrupt Vorbis comment header: it claims {count} comments in {packet.Length} bytes");
        for (long i = 0; i < count; i++)
            SkipString(ref bits, packet.Length);
    }

    private void SkipString(ref Bits bits, int packetLength)
    {
        long length = bits.Read(32);
        if (length > bits.Remaining / 8)
            throw new AudioFormatException(name, $"corrupt Vorbis comment header: a string of {length} bytes in a packet of {packetLength}");
        bits.Skip(8 * length);
    }

    /// <summary>
    /// Every codebook of the setup header (3.2.1) read through to its end, with its entries and its
    /// expanded lookup table counted against <see cref="CodebookBudget"/>; what follows the codebooks
    /// (floors, residues, mappings, modes) is left to the decoder.
    /// </summary>
    private void CheckSetup(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 7 || packet[0] != 5 || !packet[1..7].SequenceEqual("vorbis"u8))
            throw new AudioFormatException(name, "corrupt Ogg Vorbis data: the third packet is not a Vorbis setup header");
        var bits = new Bits(packet, 7 * 8, name, "setup header");
        long codebooks = bits.Read(8) + 1, entriesInAll = 0, lookupInAll = 0;
        for (long book = 0; book < codebooks; book++)
        {
            if (bits.Read(24) != 0x564342)
                throw new AudioFormatException(name, $"corrupt Vorbis setup header: codebook {book} does not start with its sync pattern");
            long dimensions = bits.Read(16), entries = bits.Read(24);
            entriesInAll += entries;
            lookupInAll += entries * dimensions;
            if (entriesInAll > CodebookBudget || lookupInAll > CodebookBudget)
                throw new AudioFormatException(name, $"corrupt Vorbis setup header: codebook {book} ({entries} entries of {dimensions} dimensions) takes the codebooks past {CodebookBudget} entries or values");
            SkipLengths(ref bits, entries, book);
            SkipLookup(ref bits, entries, dimensions, book);
        }
    }

    /// <summary>The codeword lengths: ordered runs, or one length (sparse: a flag first) per entry.</summary>
    private void SkipLengths(ref Bits bits, long entries, long book)
    {
        if (bits.Read(1) == 1)
        {
            bits.Skip(5);
            for (long entry = 0; entry < entries;)
            {
                entry += bits.Read(BitLength(entries - entry));
                if (entry > entries)
                    throw new AudioFormatException(name, $"corrupt Vorbis setup header: codebook {book}'s lengths run past its {entries} entries");
            }
            return;
        }
        bool sparse = bits.Read(1) == 1;
        for (long entry = 0; entry < entries; entry++)
        {
            if (!sparse || bits.Read(1) == 1)
                bits.Skip(5);
        }
    }

    /// <summary>The vector lookup table, if any: its values must all be in the packet.</summary>
    private void SkipLookup(ref Bits bits, long entries, long dimensions, long book)
    {
        long type = bits.Read(4);
        if (type == 0)
            return;
        if (type > 2)
            throw new AudioFormatException(name, $"corrupt Vorbis setup header: codebook {book} has lookup type {type}");
        bits.Skip(32 + 32);
        long valueBits = bits.Read(4) + 1;
        bits.Skip(1);
        long values = type == 1 ? Lookup1Values(entries, dimensions) : entries * dimensions;
        bits.Skip(values * valueBits);
    }

    /// <summary>The largest r with r^dimensions ≤ entries (the specification's lookup1_values).</summary>
    private static long Lookup1Values(long entries, long dimensions)
    {
        if (dimensions == 0)
            return 0;
        long r = (long)Math.Floor(Math.Pow(entries, 1.0 / dimensions));
        while (r > 0 && Power(r, dimensions) > entries)
            r--;
        while (Power(r + 1, dimensions) <= entries)
            r++;
        return r;
    }

    /// <summary>value^exponent, or long.MaxValue where it would overflow.</summary>
    private static long Power(long value, long exponent)
    {
        long result = 1;
        for (long i = 0; i < exponent; i++)
        {
            if (value != 0 && result > long.MaxValue / value)
                return long.MaxValue;
            result *= value;
        }
        return result;
    }

    /// <summary>The specification's ilog: the position of the highest set bit.</summary>
    private static int BitLength(long value) => value <= 0 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)value);

    /// <summary>Reads a packet's bits least significant first, as Vorbis packs them; running past its end is an error naming the header.</summary>
    private ref struct Bits(ReadOnlySpan<byte> packet, long position, string name, string header)
    {
        private readonly ReadOnlySpan<byte> _packet = packet;
        private long _position = position;

        public readonly long Remaining => 8L * _packet.Length - _position;

        public long Read(int count)
        {
            Require(count);
            long value = 0;
            for (int i = 0; i < count; i++, _position++)
                value |= (long)((_packet[(int)(_position >> 3)] >> (int)(_position & 7)) & 1) << i;
            return value;
        }

        public void Skip(long count)
        {
            Require(count);
            _position += count;
        }

        private readonly void Require(long count)
        {
            if (count > Remaining)
                throw new AudioFormatException(name, $"corrupt Vorbis {header}: it ends inside its own fields ({_packet.Length} bytes)");
        }
    }
}
