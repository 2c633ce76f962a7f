using System.Buffers.Binary;

namespace Emotion.Audio;

/// <summary>
/// Checks an Ogg stream's pages before the Vorbis decoder sees them: every page must start where
/// the last ended, declare version 0, and carry a checksum that matches. NVorbis loops forever on
/// some damaged pages (a fuzzing finding: a first page whose segment count was changed), and no
/// real file has a page with a wrong checksum, so a damaged one is refused here with its offset.
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
            position += length;
        }
        if (position == 0)
            throw new AudioFormatException(name, "truncated Ogg data: not one complete page");
        return position;
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
