namespace Emotion.Audio;

/// <summary>
/// Opus audio out of WebM (Matroska), as browsers' MediaRecorder writes it: the Opus track's
/// OpusHead and its blocks' frames, handed to <see cref="OpusDecoder"/>. Segments and clusters of
/// unknown size (a recorder that streams) are read by walking into every container rather than
/// skipping it; a last block cut short (a recording that stopped) is dropped. Laced blocks and
/// other codecs are refused by name.
/// </summary>
internal static class WebmDemuxer
{
    private const uint Segment = 0x18538067, Cluster = 0x1F43B675, Tracks = 0x1654AE6B, TrackEntry = 0xAE, BlockGroup = 0xA0;
    private const uint TrackNumber = 0xD7, CodecId = 0x86, CodecPrivate = 0x63A2, SimpleBlock = 0xA3, Block = 0xA1;

    /// <summary>True for an EBML header at the start.</summary>
    public static bool LooksLikeWebm(ReadOnlySpan<byte> content) => content.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]);

    public static AudioClip Decode(byte[] content, string name, AudioLimits limits, CancellationToken cancel)
    {
        var tracks = new List<Track>();
        var blocks = new List<(int Start, int Length)>();
        int position = 0;
        while (position < content.Length)
        {
            cancel.ThrowIfCancellationRequested();
            var (id, size, header) = Element(content, position, name);
            int body = position + header;
            // Containers are walked into, so that one of unknown size needs no end.
            if (id is Segment or Cluster or Tracks or TrackEntry or BlockGroup)
            {
                if (id == TrackEntry)
                    tracks.Add(new Track());
                position = body;
                continue;
            }
            if (size < 0)
                throw new AudioFormatException(name, $"corrupt WebM: the element 0x{id:X} at byte {position} has no size");
            if (size > content.Length - body)
            {
                if (id is SimpleBlock or Block)
                    break;
                throw new AudioFormatException(name, $"truncated WebM: the element 0x{id:X} at byte {position} declares {size} bytes, {content.Length - body} remain");
            }
            var value = content.AsSpan(body, (int)size);
            switch (id)
            {
                case TrackNumber when tracks.Count > 0:
                    tracks[^1].Number = value.Length is > 0 and <= 8 ? ReadUnsigned(value) : 0;
                    break;
                case CodecId when tracks.Count > 0:
                    tracks[^1].Codec = System.Text.Encoding.ASCII.GetString(value).TrimEnd('\0');
                    break;
                case CodecPrivate when tracks.Count > 0:
                    tracks[^1].Private = value.ToArray();
                    break;
                case SimpleBlock or Block:
                    blocks.Add((body, (int)size));
                    break;
            }
            position = body + (int)size;
        }
        var opus = tracks.FirstOrDefault(t => t.Codec == "A_OPUS")
            ?? throw new AudioFormatException(name, $"WebM without Opus audio (tracks: {(tracks.Count == 0 ? "none" : string.Join(", ", tracks.Select(t => t.Codec ?? "?")))}); only Opus audio in WebM is read");
        using var packets = Frames(content, blocks, opus.Number, name).GetEnumerator();
        return OpusDecoder.Decode(packets, opus.Private ?? [], name, "WebM Opus", limits, cancel);
    }

    /// <summary>The frames of <paramref name="track"/>'s blocks: after the track number, a 16-bit timecode and the flags.</summary>
    private static IEnumerable<(byte[] Packet, long Granule)> Frames(byte[] content, List<(int Start, int Length)> blocks, ulong track, string name)
    {
        foreach (var (start, length) in blocks)
        {
            var block = content.AsSpan(start, length);
            int width = block.IsEmpty ? 0 : System.Numerics.BitOperations.LeadingZeroCount((uint)block[0]) - 23;
            if (width is < 1 or > 8 || length < width + 3)
                throw new AudioFormatException(name, $"corrupt WebM: the block at byte {start} is malformed");
            if (ReadUnsigned(block[..width]) - (1UL << (7 * width)) != track)
                continue;
            if ((block[width + 2] & 0x06) != 0)
                throw new AudioFormatException(name, $"WebM with laced blocks (byte {start}) is not read");
            yield return (block[(width + 3)..].ToArray(), -1);
        }
    }

    /// <summary>An element's ID (with its length marker, as written), its size (−1 when unknown) and its header's length.</summary>
    private static (uint Id, long Size, int Header) Element(byte[] content, int position, string name)
    {
        int idLength = Width(content, position, 4, name);
        uint id = (uint)ReadUnsigned(content.AsSpan(position, idLength));
        int sizeLength = Width(content, position + idLength, 8, name);
        ulong raw = ReadUnsigned(content.AsSpan(position + idLength, sizeLength));
        ulong marker = 1UL << (7 * sizeLength);
        ulong size = raw - marker;
        return (id, size == marker - 1 ? -1 : (long)Math.Min(size, long.MaxValue), idLength + sizeLength);
    }

    /// <summary>The length of the variable-length number at <paramref name="position"/>, from its first byte's leading zeros.</summary>
    private static int Width(byte[] content, int position, int most, string name)
    {
        int width = position < content.Length ? System.Numerics.BitOperations.LeadingZeroCount((uint)content[position]) - 23 : 0;
        if (width < 1 || width > most || position + width > content.Length)
            throw new AudioFormatException(name, $"corrupt WebM: no element starts at byte {position}");
        return width;
    }

    private static ulong ReadUnsigned(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        foreach (byte b in bytes)
            value = value << 8 | b;
        return value;
    }

    private sealed class Track
    {
        public ulong Number { get; set; }

        public string? Codec { get; set; }

        public byte[]? Private { get; set; }
    }
}
