using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Emotion.Audio;

/// <summary>
/// Reads FLAC (RFC 9639): constant, verbatim, fixed and LPC subframes with Rice-coded residuals,
/// the three stereo decorrelations, wasted bits, 4 to 32 bits per sample, each frame's header and
/// body checksums verified. Channels are averaged to mono and samples scaled as <see cref="WavDecoder"/>
/// scales them, so a FLAC file gives the very clip its WAV gives.
/// </summary>
/// <remarks>
/// Nothing a file declares is trusted: sizes are checked against <see cref="AudioLimits"/> before
/// anything is allocated, the clip stops growing at <see cref="AudioLimits.MaximumDuration"/>, and
/// every decoded sample must fit the bits its header declares (a crafted predictor that passes the
/// checksums cannot smuggle in values no recording holds).
/// </remarks>
internal static class FlacDecoder
{
    private const int StreamInfoType = 0;
    private const int StreamInfoLength = 34;
    private const int MaximumBlockSize = 65536;

    private static readonly byte[] Crc8Table = CrcTable(0x07, 8).Select(v => (byte)v).ToArray();
    // Crc16Tables[k][b]: the CRC of byte b followed by k zero bytes. A CRC is linear in its input,
    // so that of eight bytes is the exclusive or of eight lookups: the frame sums in a sixth of the time.
    private static readonly ushort[][] Crc16Tables = Crc16Slices();

    private static readonly int[] SampleRates = [0, 88200, 176400, 192000, 8000, 16000, 22050, 24000, 32000, 44100, 48000, 96000];

    private static readonly int[] SampleSizes = [0, 8, 12, 0, 16, 20, 24, 32];

    /// <summary>True for a <c>fLaC</c> marker at the start, or after an ID3v2 tag.</summary>
    public static bool LooksLikeFlac(ReadOnlySpan<byte> content) => content[AfterId3(content)..].StartsWith("fLaC"u8);

    public static AudioClip Decode(ReadOnlySpan<byte> content, string name, AudioLimits limits, CancellationToken cancel)
    {
        int position = AfterId3(content);
        if (!content[position..].StartsWith("fLaC"u8))
            throw new AudioFormatException(name, "not a FLAC file (no fLaC marker)");
        var stream = ReadMetadata(content, position + 4, name, limits, out position);

        var channels = new long[stream.Channels][];
        var mono = new List<float>((int)Math.Min(stream.TotalSamples, 1 << 22));
        long maximumFrames = limits.MaximumFrames(stream.SampleRate);
        int frameIndex = 0;
        // One reader for every frame: it counts the prediction work against the bits read so far.
        var reader = new FlacBitReader(content, position, name);
        while (position < content.Length)
        {
            cancel.ThrowIfCancellationRequested();
            var rest = content[position..];
            // An ID3v1 tag may close the file; nothing else may follow the frames.
            if (rest.Length == 128 && rest.StartsWith("TAG"u8))
                break;
            if (rest.Length < 2 || rest[0] != 0xFF || (rest[1] & 0xFE) != 0xF8)
                throw new AudioFormatException(name, $"damaged FLAC: byte {position}, after frame {frameIndex}, does not start a frame");
            int blockSize = ReadFrame(ref reader, stream, channels, name, frameIndex);
            AppendMono(channels, blockSize, stream.BitsPerSample, mono);
            if (mono.Count > maximumFrames)
                limits.CheckDuration(name, mono.Count, stream.SampleRate);
            position = reader.BytePosition;
            frameIndex++;
        }
        if (mono.Count == 0)
            throw new AudioFormatException(name, "the FLAC file holds no audio samples");
        if (stream.TotalSamples > mono.Count)
            throw new AudioFormatException(name, $"truncated FLAC: it holds {mono.Count} of the {stream.TotalSamples} samples its header declares");
        return new AudioClip([.. mono], stream.SampleRate);
    }

    /// <summary>What STREAMINFO declares. <paramref name="TotalSamples"/> is 0 when the encoder did not know it.</summary>
    private sealed record StreamInfo(int SampleRate, int Channels, int BitsPerSample, long TotalSamples);

    private static StreamInfo ReadMetadata(ReadOnlySpan<byte> content, int position, string name, AudioLimits limits, out int framesStart)
    {
        StreamInfo? info = null;
        bool last = false;
        while (!last)
        {
            if (position + 4 > content.Length)
                throw new AudioFormatException(name, "truncated FLAC: the file ends inside its metadata");
            last = content[position] >> 7 == 1;
            int type = content[position] & 0x7F;
            int length = content[position + 1] << 16 | content[position + 2] << 8 | content[position + 3];
            position += 4;
            if (length > content.Length - position)
                throw new AudioFormatException(name, $"truncated FLAC: a metadata block declares {length} bytes, {content.Length - position} remain");
            if (info is null && (type != StreamInfoType || length != StreamInfoLength))
                throw new AudioFormatException(name, "corrupt FLAC: the first metadata block is not a STREAMINFO of 34 bytes");
            if (info is null)
                info = ParseStreamInfo(content.Slice(position, length), name, limits);
            else if (type == 127)
                throw new AudioFormatException(name, "corrupt FLAC: a metadata block of the forbidden type 127");
            position += length;
        }
        framesStart = position;
        return info!;
    }

    private static StreamInfo ParseStreamInfo(ReadOnlySpan<byte> block, string name, AudioLimits limits)
    {
        // 16 + 16 bits of block sizes and 24 + 24 of frame sizes, then 20 bits of rate, 3 of
        // channels − 1, 5 of bits − 1 and 36 of total samples; the MD5 sum after them is not needed.
        ulong packed = BinaryPrimitives.ReadUInt64BigEndian(block[10..]);
        int sampleRate = (int)(packed >> 44);
        int channels = (int)(packed >> 41 & 0x7) + 1;
        int bits = (int)(packed >> 36 & 0x1F) + 1;
        long total = (long)(packed & 0xF_FFFF_FFFF);
        limits.CheckHeader(name, "FLAC", sampleRate, channels);
        if (bits < 4)
            throw new AudioFormatException(name, $"corrupt FLAC: the header declares {bits} bits per sample (4 to 32 are possible)");
        if (total > 0)
            limits.CheckDuration(name, total, sampleRate);
        return new StreamInfo(sampleRate, channels, bits, total);
    }

    /// <summary>Decodes one frame into <paramref name="channels"/> and checks its sums; returns its block size.</summary>
    private static int ReadFrame(ref FlacBitReader reader, StreamInfo stream, long[][] channels, string name, int index)
    {
        int start = reader.BytePosition;
        reader.Read(15); // the sync code and a reserved bit, checked by the caller
        reader.Read(1);  // fixed or variable block size: the coded number below says which, and is not needed
        int blockCode = (int)reader.Read(4);
        int rateCode = (int)reader.Read(4);
        int assignment = (int)reader.Read(4);
        int sizeCode = (int)reader.Read(3);
        if (reader.Read(1) != 0 || blockCode == 0 || rateCode == 15 || assignment > 10 || sizeCode == 3)
            throw Damaged(name, index, "its header uses reserved values");
        SkipCodedNumber(ref reader, name, index);
        int blockSize = blockCode switch
        {
            1 => 192,
            <= 5 => 576 << (blockCode - 2),
            6 => (int)reader.Read(8) + 1,
            7 => (int)reader.Read(16) + 1,
            _ => 256 << (blockCode - 8),
        };
        int sampleRate = rateCode switch
        {
            0 => stream.SampleRate,
            12 => (int)reader.Read(8) * 1000,
            13 => (int)reader.Read(16),
            14 => (int)reader.Read(16) * 10,
            _ => SampleRates[rateCode],
        };
        int bits = sizeCode == 0 ? stream.BitsPerSample : SampleSizes[sizeCode];
        int channelCount = assignment < 8 ? assignment + 1 : 2;
        int headerCrc = Crc8(reader.Bytes(start, reader.BytePosition));
        if (reader.Read(8) != headerCrc)
            throw Damaged(name, index, "its header fails its checksum");
        if (sampleRate != stream.SampleRate || channelCount != stream.Channels || bits != stream.BitsPerSample)
            throw Damaged(name, index, $"it is {Describe(sampleRate, channelCount, bits)} where the stream is {Describe(stream.SampleRate, stream.Channels, stream.BitsPerSample)} (a stream that changes is not read)");

        for (int c = 0; c < channelCount; c++)
        {
            if (channels[c] is null || channels[c].Length < blockSize)
                channels[c] = new long[Math.Max(blockSize, 4096)];
            // The side channel carries one bit more than the others.
            bool side = (assignment == 8 && c == 1) || (assignment == 9 && c == 0) || (assignment == 10 && c == 1);
            FlacSubframe.Read(ref reader, channels[c].AsSpan(0, blockSize), side ? bits + 1 : bits, name, index);
        }
        reader.AlignToByte();
        int bodyCrc = Crc16(reader.Bytes(start, reader.BytePosition));
        if (reader.Read(16) != bodyCrc)
            throw Damaged(name, index, "it fails its checksum");

        // Independent channels were held to their bits subframe by subframe; a stereo pair is
        // restored from a side channel one bit wider, so the restored pair is checked here.
        if (assignment >= 8)
        {
            Decorrelate(assignment, channels, blockSize);
            long limit = 1L << (bits - 1);
            for (int c = 0; c < channelCount; c++)
                foreach (long sample in channels[c].AsSpan(0, blockSize))
                    if (sample < -limit || sample >= limit)
                        throw Damaged(name, index, $"it decodes to values beyond its {bits} bits");
        }
        return blockSize;
    }

    private static string Describe(int sampleRate, int channels, int bits) => $"{sampleRate} Hz, {channels} channel{(channels == 1 ? "" : "s")}, {bits} bits";

    /// <summary>The frame or sample number, UTF-8 style in one to seven bytes.</summary>
    private static void SkipCodedNumber(ref FlacBitReader reader, string name, int index)
    {
        uint first = reader.Read(8);
        int extra = first < 0x80 ? 0 : BitOperations.LeadingZeroCount(~first << 24) - 1;
        if (extra is < 0 or > 6)
            throw Damaged(name, index, "its frame number is malformed");
        for (int i = 0; i < extra; i++)
            if (reader.Read(8) >> 6 != 0b10)
                throw Damaged(name, index, "its frame number is malformed");
    }

    /// <summary>Left and right from a left/side, side/right or mid/side pair (assignments 8, 9, 10).</summary>
    private static void Decorrelate(int assignment, long[][] channels, int blockSize)
    {
        var a = channels[0].AsSpan(0, blockSize);
        var b = channels[1].AsSpan(0, blockSize);
        for (int i = 0; i < blockSize; i++)
        {
            (a[i], b[i]) = assignment switch
            {
                8 => (a[i], a[i] - b[i]),                    // left, side
                9 => (a[i] + b[i], b[i]),                    // side, right
                _ => (((a[i] << 1 | (b[i] & 1)) + b[i]) >> 1, // mid, side
                      ((a[i] << 1 | (b[i] & 1)) - b[i]) >> 1),
            };
        }
    }

    /// <summary>Averages the channels as <see cref="WavDecoder"/> does: each sample scaled to full scale 1, summed in float, times 1/channels.</summary>
    private static void AppendMono(long[][] channels, int blockSize, int bits, List<float> mono)
    {
        double scale = 1.0 / (1L << (bits - 1));
        int start = mono.Count;
        CollectionsMarshal.SetCount(mono, start + blockSize);
        var block = CollectionsMarshal.AsSpan(mono).Slice(start, blockSize);
        if (channels.Length == 1)
        {
            var samples = channels[0].AsSpan(0, blockSize);
            for (int i = 0; i < block.Length; i++)
                block[i] = (float)(samples[i] * scale);
            return;
        }
        float channelScale = 1f / channels.Length;
        for (int i = 0; i < block.Length; i++)
        {
            float sum = 0;
            foreach (var channel in channels)
                sum += (float)(channel[i] * scale);
            block[i] = sum * channelScale;
        }
    }

    private static int AfterId3(ReadOnlySpan<byte> content)
    {
        if (content.Length < 10 || !content.StartsWith("ID3"u8))
            return 0;
        // Four bytes of seven bits each; a footer adds ten bytes more.
        long size = (content[6] & 0x7F) << 21 | (content[7] & 0x7F) << 14 | (content[8] & 0x7F) << 7 | (content[9] & 0x7F);
        long end = 10 + size + ((content[5] & 0x10) != 0 ? 10 : 0);
        return (int)Math.Min(end, content.Length);
    }

    /// <summary>The error for a frame that cannot be what it claims.</summary>
    internal static AudioFormatException Damaged(string name, int index, string problem) => new(name, $"damaged FLAC: frame {index}: {problem}");

    private static int Crc8(ReadOnlySpan<byte> bytes)
    {
        byte crc = 0;
        foreach (byte b in bytes)
            crc = Crc8Table[crc ^ b];
        return crc;
    }

    private static int Crc16(ReadOnlySpan<byte> bytes)
    {
        var t = Crc16Tables;
        int crc = 0, i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
            crc = t[7][crc >> 8 ^ bytes[i]] ^ t[6][(crc & 0xFF) ^ bytes[i + 1]] ^ t[5][bytes[i + 2]] ^ t[4][bytes[i + 3]]
                ^ t[3][bytes[i + 4]] ^ t[2][bytes[i + 5]] ^ t[1][bytes[i + 6]] ^ t[0][bytes[i + 7]];
        for (; i < bytes.Length; i++)
            crc = (crc << 8 ^ t[0][crc >> 8 ^ bytes[i]]) & 0xFFFF;
        return crc;
    }

    private static ushort[][] Crc16Slices()
    {
        var tables = new ushort[8][];
        tables[0] = [.. CrcTable(0x8005, 16).Select(v => (ushort)v)];
        for (int k = 1; k < 8; k++)
            tables[k] = [.. tables[k - 1].Select(c => (ushort)(c << 8 ^ tables[0][c >> 8]))];
        return tables;
    }

    /// <summary>The table of a most-significant-bit-first CRC of <paramref name="width"/> bits with <paramref name="polynomial"/>.</summary>
    private static IEnumerable<int> CrcTable(int polynomial, int width) => Enumerable.Range(0, 256).Select(b =>
    {
        int top = 1 << (width - 1), mask = (1 << width) - 1, crc = b << (width - 8);
        for (int i = 0; i < 8; i++)
            crc = ((crc & top) != 0 ? crc << 1 ^ polynomial : crc << 1) & mask;
        return crc;
    });
}
