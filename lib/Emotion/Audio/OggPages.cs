using System.Buffers.Binary;

namespace Emotion.Audio;

/// <summary>
/// Checks an Ogg stream's pages before the Vorbis decoder sees them: every page must start where
/// the last ended, declare version 0, and carry a checksum that matches, and its three header
/// packets must be within the specification's bounds (<see cref="VorbisHeaders"/>). NVorbis loops forever on some damaged pages (a fuzzing
/// finding: a first page whose segment count was changed) and on block sizes the specification
/// forbids (another: 32768-sample blocks, with checksums stamped valid) and on an end page that
/// claims a trillion samples, and spends seconds on a comment header that claims 1.6 billion
/// comments in 96 bytes; no real file has any of these, so such a stream is refused here, saying
/// where and what. Every page's sample count (granule position) must be one its packets could reach.
/// </summary>
internal static class OggPages
{
    private const int HeaderLength = 27;
    private const byte EndOfStream = 0x04;
    private static readonly uint[] Table = BuildTable();

    /// <summary>
    /// What the decoder is given: a copy of <paramref name="content"/>'s complete pages, checked, with
    /// no page marked end-of-stream. A last page cut short (a download that stopped) is dropped, as a
    /// decoder would drop it. At the end of a stream NVorbis trims the last packet to the end page's
    /// sample count with no bounds: a forged count leaves its read loop spinning for ever (a fuzzing
    /// finding that passes every header check). The trim only removes the encoder's padding, at most
    /// one block of near-silence, so the mark is cleared (checksum restamped), the padding stays and
    /// the trim never happens.
    /// </summary>
    /// <exception cref="AudioFormatException">A page is damaged; the message gives its offset.</exception>
    public static byte[] Checked(ReadOnlySpan<byte> content, string name)
    {
        var headers = new VorbisHeaders(name);
        long packets = 0;
        var endPages = new List<(int Position, int Length)>();
        var pages = Pages(content, name);
        foreach (var (position, length) in pages)
        {
            var page = content.Slice(position, length);
            int segments = page[26];
            packets += Ends(page.Slice(HeaderLength, segments));
            CheckGranule(BinaryPrimitives.ReadInt64LittleEndian(page[6..]), packets, position, name);
            headers.Add(page.Slice(HeaderLength, segments), page[(HeaderLength + segments)..]);
            if ((page[5] & EndOfStream) != 0)
                endPages.Add((position, length));
        }
        headers.Finish();
        var checkedPages = content[..(pages[^1].Position + pages[^1].Length)].ToArray();
        foreach (var (at, length) in endPages)
        {
            var page = checkedPages.AsSpan(at, length);
            page[5] &= unchecked((byte)~EndOfStream);
            BinaryPrimitives.WriteUInt32LittleEndian(page[22..], Checksum(page));
        }
        return checkedPages;
    }

    /// <summary>
    /// The complete pages of <paramref name="content"/>, in order, each starting where the last
    /// ended, of version 0 and with a checksum that matches; a last page cut short is left out.
    /// </summary>
    /// <exception cref="AudioFormatException">A page is damaged, or not one is complete; the message gives its offset.</exception>
    public static List<(int Position, int Length)> Pages(ReadOnlySpan<byte> content, string name)
    {
        var pages = new List<(int Position, int Length)>();
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
            pages.Add((position, length));
            position += length;
        }
        if (pages.Count == 0)
            throw new AudioFormatException(name, "truncated Ogg data: not one complete page");
        return pages;
    }

    /// <summary>
    /// The packets of <paramref name="pages"/> (from <see cref="Pages"/>) in order, each with the
    /// granule position of the page it ends on; a packet still open at the last page is left out.
    /// </summary>
    public static IEnumerable<(byte[] Packet, long Granule)> Packets(byte[] content, List<(int Position, int Length)> pages)
    {
        var packet = new List<byte>();
        foreach (var (position, _) in pages)
        {
            int segments = content[position + 26];
            long granule = BinaryPrimitives.ReadInt64LittleEndian(content.AsSpan(position + 6));
            int offset = position + HeaderLength + segments;
            for (int s = 0; s < segments; s++)
            {
                int lacing = content[position + HeaderLength + s];
                packet.AddRange(content.AsSpan(offset, lacing));
                offset += lacing;
                if (lacing < 255)
                {
                    yield return ([.. packet], granule);
                    packet.Clear();
                }
            }
        }
    }

    /// <summary>How many packets end on a page: one per lacing value under 255.</summary>
    private static int Ends(ReadOnlySpan<byte> lacing)
    {
        int ends = 0;
        foreach (byte length in lacing)
            ends += length < 255 ? 1 : 0;
        return ends;
    }

    /// <summary>
    /// A page's granule position (the sample count at the end of its last packet; −1 where no packet
    /// ends) must be one the packets so far could reach: no Vorbis packet yields more than 4096
    /// samples (half the longest block). NVorbis spins for ever on an end-of-stream page that claims
    /// a trillion samples after three packets (a fuzzing finding).
    /// </summary>
    private static void CheckGranule(long granule, long packets, int position, string name)
    {
        if (granule == -1)
            return;
        if (granule < 0 || granule > packets * 4096)
            throw new AudioFormatException(name, $"corrupt Ogg Vorbis data: the page at byte {position} claims {granule} samples after {packets} packets");
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
