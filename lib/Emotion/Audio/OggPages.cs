using System.Buffers.Binary;

namespace Emotion.Audio;

/// <summary>
/// Checks an Ogg stream's pages before the Vorbis decoder sees them: every page must start where
/// the last ended, declare version 0, and carry a checksum that matches; the first page must hold a
/// Vorbis identification header within the specification's bounds. NVorbis loops forever on some
/// damaged pages (a fuzzing finding: a first page whose segment count was changed) and on block
/// sizes the specification forbids (another: 32768-sample blocks, with checksums stamped valid),
/// and no real file has either, so such a stream is refused here, saying where and what.
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
