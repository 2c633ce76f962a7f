namespace Emotion.Tests;

/// <summary>
/// Writes FLAC byte images for tests: STREAMINFO and frames whose subframes a test spells out bit
/// by bit, with valid checksums (or deliberately wrong ones), so that a test can hand the decoder
/// what no encoder writes. Checksums are computed here bit by bit, apart from the decoder's tables.
/// </summary>
public static class TestFlac
{
    /// <summary>Channel assignments of a frame header: 0-7 independent channels, then the stereo decorrelations.</summary>
    public const int LeftSide = 8, SideRight = 9, MidSide = 10;

    /// <summary>The stream: <c>fLaC</c>, STREAMINFO, then <paramref name="frames"/> as given.</summary>
    public static byte[] Stream(int sampleRate, int channels, int bits, long totalSamples, params byte[][] frames)
    {
        var info = new Bits();
        info.Write(4096, 16).Write(4096, 16).Write(0, 24).Write(0, 24);
        info.Write((ulong)sampleRate, 20).Write((ulong)channels - 1, 3).Write((ulong)bits - 1, 5).Write((ulong)totalSamples, 36);
        info.Write(0, 64).Write(0, 64);
        byte[] block = info.ToArray();
        return [.. "fLaC"u8, 0x80, 0, 0, (byte)block.Length, .. block, .. frames.SelectMany(f => f)];
    }

    /// <summary>
    /// One frame of <paramref name="blockSize"/> samples (stated in 16 bits), the stream's sample
    /// rate unless <paramref name="rateCode"/> names another, the stream's bits; <paramref name="subframes"/>
    /// writes the channels. The checksums are right unless a test asks for a wrong one.
    /// </summary>
    public static byte[] Frame(int blockSize, int assignment, Action<Bits> subframes, int number = 0, int rateCode = 0, bool badHeaderSum = false, bool badSum = false)
    {
        var frame = new Bits();
        frame.Write(0b11111111111110, 14).Write(0, 1).Write(0, 1);
        frame.Write(7, 4).Write((ulong)rateCode, 4).Write((ulong)assignment, 4).Write(0, 3).Write(0, 1);
        frame.Write((ulong)number, 8); // numbers under 128 take one byte
        frame.Write((ulong)blockSize - 1, 16);
        frame.Write((ulong)(Crc(frame.ToArray(), 0x07, 8) ^ (badHeaderSum ? 1 : 0)), 8);
        subframes(frame);
        frame.Align();
        frame.Write((ulong)(Crc(frame.ToArray(), 0x8005, 16) ^ (badSum ? 1 : 0)), 16);
        return frame.ToArray();
    }

    /// <summary>A verbatim subframe of <paramref name="bits"/> bits a sample.</summary>
    public static Action<Bits> Verbatim(int bits, params long[] samples) => b =>
    {
        b.Write(0, 1).Write(1, 6).Write(0, 1);
        foreach (long s in samples)
            b.Write((ulong)s, bits);
    };

    /// <summary>A constant subframe.</summary>
    public static Action<Bits> Constant(int bits, long value) => b => b.Write(0, 1).Write(0, 6).Write(0, 1).Write((ulong)value, bits);

    /// <summary>Bits written most significant first.</summary>
    public sealed class Bits
    {
        private readonly List<byte> _bytes = [];
        private int _used = 8;

        /// <summary>The low <paramref name="count"/> bits of <paramref name="value"/> (two's complement for negatives).</summary>
        public Bits Write(ulong value, int count)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                if (_used == 8)
                {
                    _bytes.Add(0);
                    _used = 0;
                }
                _bytes[^1] |= (byte)((value >> i & 1) << (7 - _used++));
            }
            return this;
        }

        /// <summary>A unary number: <paramref name="zeros"/> zero bits, then a one.</summary>
        public Bits Unary(int zeros)
        {
            for (int i = 0; i < zeros; i++)
                Write(0, 1);
            return Write(1, 1);
        }

        /// <summary>Zero bits up to the next whole byte.</summary>
        public Bits Align()
        {
            _used = 8;
            return this;
        }

        public byte[] ToArray() => [.. _bytes];
    }

    private static int Crc(byte[] bytes, int polynomial, int width)
    {
        int crc = 0, top = 1 << (width - 1), mask = (1 << width) - 1;
        foreach (byte b in bytes)
            for (int i = 7; i >= 0; i--)
            {
                bool feedback = ((crc & top) != 0) ^ ((b >> i & 1) != 0);
                crc = (crc << 1) & mask;
                if (feedback)
                    crc ^= polynomial;
            }
        return crc;
    }
}
