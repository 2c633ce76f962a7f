using System.Buffers.Binary;

namespace Emotion.Tests;

/// <summary>Writes WAV files of any layout the decoder must read, for tests.</summary>
public static class TestWav
{
    /// <summary>Mono 16-bit PCM.</summary>
    public static void Write(string path, float[] samples, int sampleRate) =>
        File.WriteAllBytes(path, Build([samples], sampleRate, Encoding.Pcm16));

    public enum Encoding { Pcm8, Pcm16, Pcm24, Pcm32, Float32, Float64 }

    /// <summary>
    /// A RIFF/WAVE byte image of <paramref name="channels"/> (one array per channel), optionally with
    /// a WAVE_FORMAT_EXTENSIBLE header and extra chunks before and after the data.
    /// </summary>
    public static byte[] Build(float[][] channels, int sampleRate, Encoding encoding, bool extensible = false, bool extraChunks = false)
    {
        int bits = encoding switch { Encoding.Pcm8 => 8, Encoding.Pcm16 => 16, Encoding.Pcm24 => 24, Encoding.Float64 => 64, _ => 32 };
        int bytes = bits / 8, count = channels.Length, frames = channels[0].Length;
        ushort tag = encoding is Encoding.Float32 or Encoding.Float64 ? (ushort)3 : (ushort)1;

        var fmt = new byte[extensible ? 40 : 16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, extensible ? (ushort)0xFFFE : tag);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), (ushort)count);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(4), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(8), sampleRate * count * bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), (ushort)(count * bytes));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), (ushort)bits);
        if (extensible)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22);
            BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(18), (ushort)bits);
            BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(24), tag);
        }

        var data = new byte[frames * count * bytes];
        for (int f = 0; f < frames; f++)
            for (int c = 0; c < count; c++)
                WriteSample(data.AsSpan((f * count + c) * bytes, bytes), channels[c][f], encoding);

        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(0);
        writer.Write("WAVE"u8);
        if (extraChunks)
            WriteChunk(writer, "FLLR"u8, new byte[3]);
        WriteChunk(writer, "fmt "u8, fmt);
        WriteChunk(writer, "data"u8, data);
        if (extraChunks)
            WriteChunk(writer, "LIST"u8, "INFOtest"u8.ToArray());
        writer.Flush();
        var image = stream.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(image.AsSpan(4), image.Length - 8);
        return image;
    }

    private static void WriteChunk(BinaryWriter writer, ReadOnlySpan<byte> id, byte[] body)
    {
        writer.Write(id);
        writer.Write(body.Length);
        writer.Write(body);
        if (body.Length % 2 == 1)
            writer.Write((byte)0);
    }

    /// <summary>
    /// <paramref name="wav"/> (as <see cref="Build"/> makes it) with its 'fmt ' chunk declaring
    /// <paramref name="sampleRate"/>, whatever the samples are: what a damaged or hostile header says.
    /// </summary>
    public static byte[] WithDeclaredRate(byte[] wav, uint sampleRate)
    {
        var copy = (byte[])wav.Clone();
        int fmt = copy.AsSpan().IndexOf("fmt "u8);
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(fmt + 12), sampleRate);
        return copy;
    }

    private static void WriteSample(Span<byte> target, float value, Encoding encoding)
    {
        // Integer formats hold full scale at most; floats hold whatever they are given, NaN included.
        double v = encoding is Encoding.Float32 or Encoding.Float64 ? value : Math.Clamp(value, -1f, 1f);
        switch (encoding)
        {
            case Encoding.Pcm8: target[0] = (byte)Math.Clamp(Math.Round(v * 128 + 128), 0, 255); break;
            case Encoding.Pcm16: BinaryPrimitives.WriteInt16LittleEndian(target, (short)Math.Clamp(Math.Round(v * 32768), short.MinValue, short.MaxValue)); break;
            case Encoding.Pcm24:
                int s24 = (int)Math.Clamp(Math.Round(v * 8388608), -8388608, 8388607);
                target[0] = (byte)s24; target[1] = (byte)(s24 >> 8); target[2] = (byte)(s24 >> 16);
                break;
            case Encoding.Pcm32: BinaryPrimitives.WriteInt32LittleEndian(target, (int)Math.Clamp(Math.Round(v * 2147483648.0), int.MinValue, int.MaxValue)); break;
            case Encoding.Float64: BinaryPrimitives.WriteDoubleLittleEndian(target, v); break;
            default: BinaryPrimitives.WriteSingleLittleEndian(target, (float)v); break;
        }
    }
}
