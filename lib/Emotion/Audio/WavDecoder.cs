using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Emotion.Audio;

/// <summary>
/// Reads RIFF/WAVE audio: integer PCM of 8, 16, 24 or 32 bits and IEEE float of 32 or 64 bits, any
/// channel count and sample rate, plain or WAVE_FORMAT_EXTENSIBLE headers, and any chunks (such as
/// RAVDESS's <c>FLLR</c>) before or after <c>data</c>. Channels are averaged to mono.
/// </summary>
internal static class WavDecoder
{
    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    public static AudioClip Decode(ReadOnlySpan<byte> content, string name, AudioLimits limits, CancellationToken cancel)
    {
        if (content.Length < 12)
            throw new AudioFormatException(name, $"truncated WAV header: the file has {content.Length} bytes, a header alone needs 44");
        if (!content[..4].SequenceEqual("RIFF"u8) || !content[8..12].SequenceEqual("WAVE"u8))
            throw new AudioFormatException(name, "not a WAV file (no RIFF/WAVE header)");

        WavFormat? format = null;
        ReadOnlySpan<byte> data = default;
        bool foundData = false;
        int position = 12;
        while (position + 8 <= content.Length)
        {
            var id = content.Slice(position, 4);
            long declared = BinaryPrimitives.ReadUInt32LittleEndian(content.Slice(position + 4, 4));
            int bodyStart = position + 8;
            // Writers that stream (and files cut short in transfer) declare more than is present;
            // take what is there rather than reject the whole file.
            int bodyLength = (int)Math.Min(declared, (long)content.Length - bodyStart);
            var body = content.Slice(bodyStart, bodyLength);
            if (id.SequenceEqual("fmt "u8))
                format = WavFormat.Parse(body, name, limits);
            else if (id.SequenceEqual("data"u8))
            {
                data = body;
                foundData = true;
            }
            position = (int)Math.Min(content.Length, (long)bodyStart + declared + (declared & 1));
        }

        if (format is null)
            throw new AudioFormatException(name, "truncated or corrupt WAV: no 'fmt ' chunk describing the audio");
        if (!foundData)
            throw new AudioFormatException(name, "truncated or corrupt WAV: no 'data' chunk holding the audio");
        int frameCount = data.Length / format.BlockAlign;
        if (frameCount == 0)
            throw new AudioFormatException(name, "the WAV file holds no audio samples (zero-length data chunk)");
        // The header says how long the clip is: refuse an overlong one before decoding a sample.
        limits.CheckDuration(name, frameCount, format.SampleRate);

        var mono = new float[frameCount];
        format.DecodeToMono(data[..(frameCount * format.BlockAlign)], mono, cancel);
        return new AudioClip(mono, format.SampleRate);
    }

    private sealed record WavFormat(ushort Encoding, int Channels, int SampleRate, int BlockAlign, int BitsPerSample)
    {
        public static WavFormat Parse(ReadOnlySpan<byte> fmt, string name, AudioLimits limits)
        {
            if (fmt.Length < 16)
                throw new AudioFormatException(name, $"truncated WAV header: the 'fmt ' chunk has {fmt.Length} bytes, needs 16");
            ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
            int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
            uint sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
            int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
            int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
            if (tag == FormatExtensible)
            {
                if (fmt.Length < 26)
                    throw new AudioFormatException(name, "truncated WAV header: WAVE_FORMAT_EXTENSIBLE without its sub-format");
                // The sub-format GUID starts with the classic format tag.
                tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
            }

            limits.CheckHeader(name, "WAV", sampleRate, channels);
            bool supported = (tag == FormatPcm && bits is 8 or 16 or 24 or 32) || (tag == FormatFloat && bits is 32 or 64);
            if (!supported)
                throw new AudioFormatException(name, $"unsupported WAV encoding: {Describe(tag)} with {bits} bits per sample (supported: PCM 8/16/24/32-bit, float 32/64-bit)");
            int minimumAlign = channels * (bits / 8);
            if (blockAlign < minimumAlign)
                throw new AudioFormatException(name, $"corrupt WAV header: block align {blockAlign} is less than {channels} channels x {bits / 8} bytes");
            return new WavFormat(tag, channels, (int)sampleRate, blockAlign, bits);
        }

        private static string Describe(ushort tag) => tag switch
        {
            FormatPcm => "PCM",
            FormatFloat => "IEEE float",
            2 => "Microsoft ADPCM",
            6 => "A-law",
            7 => "mu-law",
            0x11 => "IMA ADPCM",
            0x55 => "MP3-in-WAV",
            _ => $"format tag 0x{tag:X4}",
        };

        /// <summary>Averages the channels of each frame (librosa's <c>to_mono</c>).</summary>
        public void DecodeToMono(ReadOnlySpan<byte> data, Span<float> mono, CancellationToken cancel)
        {
            if (Encoding == FormatPcm && BitsPerSample == 16 && Channels == 1 && BlockAlign == 2 && BitConverter.IsLittleEndian)
            {
                // The common case, vectorised: x / 32768 is exact, as sample by sample.
                TensorPrimitives.ConvertTruncating(MemoryMarshal.Cast<byte, short>(data), mono);
                TensorPrimitives.Multiply(mono, 1f / 32768, mono);
                return;
            }
            int bytesPerSample = BitsPerSample / 8;
            float channelScale = 1f / Channels;
            for (int frame = 0; frame < mono.Length; frame++)
            {
                if ((frame & 0xFFFF) == 0)
                    cancel.ThrowIfCancellationRequested();
                var frameBytes = data.Slice(frame * BlockAlign, Channels * bytesPerSample);
                float sum = 0;
                for (int c = 0; c < Channels; c++)
                    sum += ReadSample(frameBytes.Slice(c * bytesPerSample, bytesPerSample));
                mono[frame] = Channels == 1 ? sum : sum * channelScale;
            }
        }

        private float ReadSample(ReadOnlySpan<byte> s) => (Encoding, BitsPerSample) switch
        {
            (FormatPcm, 8) => (s[0] - 128) / 128f,
            (FormatPcm, 16) => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768f,
            (FormatPcm, 24) => ((s[0] << 8 | s[1] << 16 | s[2] << 24) >> 8) / 8388608f,
            (FormatPcm, 32) => (float)(BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648.0),
            (FormatFloat, 32) => BinaryPrimitives.ReadSingleLittleEndian(s),
            _ => (float)BinaryPrimitives.ReadDoubleLittleEndian(s),
        };
    }
}
