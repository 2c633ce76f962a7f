using System.Buffers.Binary;

namespace Emotion.Audio;

/// <summary>
/// Checks an Ogg stream's pages before the Vorbis decoder sees them: every page must start where
/// the last ended, declare version 0, and carry a checksum that matches; the first page must hold a
/// Vorbis identification header within the specification's bounds, and the second packet a comment
/// header whose lengths fit inside it. NVorbis loops forever on some damaged pages (a fuzzing
/// finding: a first page whose segment count was changed) and on block sizes the specification
/// forbids (another: 32768-sample blocks, with checksums stamped valid), and spends seconds on a
/// comment header that claims 1.6 billion comments in 96 bytes (a third); no real file has any of
/// these, so such a stream is refused here, saying where and what.
/// </summary>
internal static class OggPages
{
    private const int HeaderLength = 27;
    private static readonly uint[] Table = BuildTable();

    /// <summary>
    /// The length of <paramref name="content"/>'s complete pages: a last page cut short (a download
    /// that stopped) is dropped, as a decoder would drop it.
    /// </summary>
    /// <exception cref="AudioFormatException">A page is damaged; the message gives its offset.</exception>
    public static int CheckedLength(ReadOnlySpan<byte> content, string name)
    {
        int position = 0;
        // The comment header, gathered segment by segment from the second page on until it ends.
        List<byte>? comments = [];
        while (position < content.Length)
        {
            var rest = content[position..];
            if (rest.Length < HeaderLength)
                break;
            if (!rest.StartsWith("OggS"u8))
                throw new AudioFormatException(name, $"corrupt Ogg data: no page starts at byte {position}");
            if (rest[4] != 0)
                throw new AudioFormatException(name, $"corrupt Ogg data: the page at byte {position} declares stream version {rest[4]}, not 0");
            int segments = rest[26];
            if (rest.Length < HeaderLength + segments)
                break;
            int body = 0;
            foreach (byte lacing in rest.Slice(HeaderLength, segments))
                body += lacing;
            int length = HeaderLength + segments + body;
            if (rest.Length < length)
                break;
            if (Checksum(rest[..length]) != BinaryPrimitives.ReadUInt32LittleEndian(rest[22..]))
                throw new AudioFormatException(name, $"corrupt Ogg data: the page at byte {position} fails its checksum");
            if (position == 0)
                CheckIdentification(rest[(HeaderLength + segments)..length], name);
            else if (comments is not null && Gather(comments, rest[HeaderLength..(HeaderLength + segments)], rest[(HeaderLength + segments)..length]))
            {
                CheckComments([.. comments], name);
                comments = null;
            }
            position += length;
        }
        if (position == 0)
            throw new AudioFormatException(name, "truncated Ogg data: not one complete page");
        return position;
    }

    /// <summary>
    /// The first packet must be a Vorbis identification header (Vorbis I specification, 4.2.2):
    /// version 0, at least one channel, a sample rate, block sizes that are powers of two from 64 to
    /// 8192 with the short one no longer than the long one, and the framing bit set.
    /// </summary>
    private static void CheckIdentification(ReadOnlySpan<byte> packet, string name)
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

    /// <summary>Appends a page's segments to <paramref name="packet"/> up to the end of the packet; true when it ended on this page.</summary>
    private static bool Gather(List<byte> packet, ReadOnlySpan<byte> lacing, ReadOnlySpan<byte> body)
    {
        int offset = 0;
        foreach (byte length in lacing)
        {
            packet.AddRange(body.Slice(offset, length));
            offset += length;
            if (length < 255)
                return true;
        }
        return false;
    }

    /// <summary>
    /// The second packet must be a Vorbis comment header (Vorbis I specification, 5.2.1) whose vendor
    /// string, comment count and comments all fit in the packet that holds them.
    /// </summary>
    private static void CheckComments(ReadOnlySpan<byte> packet, string name)
    {
        if (packet.Length < 7 || packet[0] != 3 || !packet[1..7].SequenceEqual("vorbis"u8))
            throw new AudioFormatException(name, "corrupt Ogg Vorbis data: the second packet is not a Vorbis comment header");
        int position = 7;
        SkipString(packet, ref position, name);
        long count = ReadField(packet, ref position, name);
        if (count > (packet.Length - position) / 4)
            throw new AudioFormatException(name, $"corrupt Vorbis comment header: it claims {count} comments in {packet.Length} bytes");
        for (long i = 0; i < count; i++)
            SkipString(packet, ref position, name);
    }

    /// <summary>Moves <paramref name="position"/> past a length-prefixed string, checked to fit in the packet.</summary>
    private static void SkipString(ReadOnlySpan<byte> packet, ref int position, string name)
    {
        long length = ReadField(packet, ref position, name);
        if (length > packet.Length - position)
            throw new AudioFormatException(name, $"corrupt Vorbis comment header: a string of {length} bytes in a packet of {packet.Length}");
        position += (int)length;
    }

    /// <summary>The 32-bit field at <paramref name="position"/>, which moves past it.</summary>
    private static long ReadField(ReadOnlySpan<byte> packet, ref int position, string name)
    {
        if (packet.Length - position < 4)
            throw new AudioFormatException(name, $"corrupt Vorbis comment header: it ends inside its own fields ({packet.Length} bytes)");
        long value = BinaryPrimitives.ReadUInt32LittleEndian(packet[position..]);
        position += 4;
        return value;
    }

    /// <summary>Ogg's CRC-32 (polynomial 0x04C11DB7, not reflected, from zero) of a page with its checksum field read as zero.</summary>
    private static uint Checksum(ReadOnlySpan<byte> page)
    {
        uint crc = 0;
        for (int i = 0; i < page.Length; i++)
        {
            byte b = i is >= 22 and < 26 ? (byte)0 : page[i];
            crc = (crc << 8) ^ Table[(crc >> 24) ^ b];
        }
        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint r = i << 24;
            for (int bit = 0; bit < 8; bit++)
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            table[i] = r;
        }
        return table;
    }
}
