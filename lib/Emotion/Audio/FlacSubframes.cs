using System.Buffers.Binary;
using System.Numerics;

namespace Emotion.Audio;

/// <summary>Bits of a FLAC file, most significant first, from a byte position; reading past the end is a clear error.</summary>
internal ref struct FlacBitReader(ReadOnlySpan<byte> content, int bytePosition, string name)
{
    private readonly ReadOnlySpan<byte> _content = content;
    private readonly long _end = (long)content.Length * 8;
    private long _position = (long)bytePosition * 8;
    private long _work;

    /// <summary>The byte the next bit is in (the position after the last whole byte read, once aligned).</summary>
    public readonly int BytePosition => (int)(_position >> 3);

    /// <summary>The bytes from <paramref name="start"/> up to <paramref name="end"/>, for checksums.</summary>
    public readonly ReadOnlySpan<byte> Bytes(int start, int end) => _content[start..end];

    /// <summary>The next <paramref name="count"/> bits (0 to 32) as an unsigned number.</summary>
    public uint Read(int count)
    {
        if (count == 0)
            return 0;
        if (_position + count > _end)
            throw Truncated();
        int at = (int)(_position >> 3), offset = (int)(_position & 7);
        ulong word = at + 8 <= _content.Length ? BinaryPrimitives.ReadUInt64BigEndian(_content[at..]) : Padded(at);
        _position += count;
        return (uint)((word << offset) >> (64 - count));
    }

    /// <summary>The next <paramref name="count"/> bits (1 to 33) as a two's-complement number.</summary>
    public long ReadSigned(int count)
    {
        long value = count > 32 ? (long)Read(count - 32) << 32 | Read(32) : Read(count);
        return value << (64 - count) >> (64 - count);
    }

    /// <summary>How many zero bits come before the next one bit (which is consumed too); more than <paramref name="limit"/> is damage.</summary>
    public uint ReadUnary(uint limit)
    {
        long zeros = 0;
        while (true)
        {
            if (_position >= _end)
                throw Truncated();
            // The next 57 to 64 bits at once: most runs end within them.
            int at = (int)(_position >> 3), offset = (int)(_position & 7);
            ulong word = (at + 8 <= _content.Length ? BinaryPrimitives.ReadUInt64BigEndian(_content[at..]) : Padded(at)) << offset;
            if (word != 0)
            {
                int leading = BitOperations.LeadingZeroCount(word);
                if (_position + leading + 1 > _end)
                    throw Truncated();
                _position += leading + 1;
                zeros += leading;
                break;
            }
            zeros += 64 - offset;
            _position += 64 - offset;
            if (zeros > limit)
                break;
        }
        if (zeros > limit)
            throw new AudioFormatException(name, $"damaged FLAC: a run of {zeros} zero bits near byte {BytePosition}, longer than any coded value");
        return (uint)zeros;
    }

    /// <summary>
    /// A Rice-coded value with <paramref name="parameter"/> low bits, before unfolding its sign: a
    /// unary quotient (at most <paramref name="limit"/>) then the low bits. Most are read from one
    /// load of 64 bits; one that reaches past them, or the file's last bytes, goes bit-run by bit-run.
    /// </summary>
    public ulong ReadRice(int parameter, uint limit)
    {
        int at = (int)(_position >> 3), offset = (int)(_position & 7);
        if (at + 8 <= _content.Length)
        {
            ulong word = BinaryPrimitives.ReadUInt64BigEndian(_content[at..]) << offset;
            int leading = BitOperations.LeadingZeroCount(word);
            int used = leading + 1 + parameter;
            if (used <= 64 - offset && leading <= limit)
            {
                _position += used;
                ulong low = parameter == 0 ? 0 : word << (leading + 1) >> (64 - parameter);
                return (ulong)leading << parameter | low;
            }
        }
        return (ulong)ReadUnary(limit) << parameter | Read(parameter);
    }

    /// <summary>
    /// Accounts for <paramref name="multiplies"/> of a predictor's multiply-adds. A real residual
    /// takes at least a bit a sample and a predictor at most 32 taps, so the work stays within 32
    /// multiply-adds a bit read (and 2^26 besides); a forged stream of empty residuals under long
    /// predictors asks for far more (a 355 kB file for 3 s of decoding) and is refused.
    /// </summary>
    public void Spend(long multiplies)
    {
        _work += multiplies;
        if (_work > 32 * _position + (1L << 26))
            throw new AudioFormatException(name, $"damaged FLAC: by byte {BytePosition} its predictors ask for more work than its bits can carry (a forged stream)");
    }

    /// <summary>Skips to the next whole byte (frames end with zero padding to one).</summary>
    public void AlignToByte() => _position = (_position + 7) & ~7L;

    private readonly AudioFormatException Truncated() => new(name, $"truncated FLAC: the file ends inside a frame, at byte {_content.Length}");

    private readonly ulong Padded(int at)
    {
        ulong word = 0;
        for (int i = 0; i < 8; i++)
            word = word << 8 | (at + i < _content.Length ? _content[at + i] : 0u);
        return word;
    }
}

/// <summary>One channel of a FLAC frame: constant, verbatim, or predicted (fixed polynomial or LPC) plus a Rice-coded residual.</summary>
internal static class FlacSubframe
{
    private const int MaximumLpcPrecision = 15;

    /// <summary>Decodes a subframe of <paramref name="bits"/> bits per sample into <paramref name="output"/> (one block).</summary>
    public static void Read(ref FlacBitReader reader, Span<long> output, int bits, string name, int frame)
    {
        int type = (int)reader.Read(8);
        if ((type & 0x80) != 0)
            throw FlacDecoder.Damaged(name, frame, "a subframe's padding bit is set");
        int wasted = 0;
        if ((type & 1) != 0)
            wasted = (int)reader.ReadUnary((uint)bits) + 1;
        if (wasted >= bits)
            throw FlacDecoder.Damaged(name, frame, $"a subframe wastes {wasted} of its {bits} bits");
        int width = bits - wasted;
        type >>= 1;
        switch (type)
        {
            case 0:
                output.Fill(reader.ReadSigned(width));
                break;
            case 1:
                for (int i = 0; i < output.Length; i++)
                    output[i] = reader.ReadSigned(width);
                break;
            case >= 8 and <= 12:
                Predicted(ref reader, output, width, type - 8, [], 0, name, frame);
                break;
            case >= 32:
                int order = (type & 31) + 1;
                ReadLpc(ref reader, output, width, order, name, frame);
                break;
            default:
                throw FlacDecoder.Damaged(name, frame, $"a subframe of the reserved type {type}");
        }
        if (wasted > 0)
            for (int i = 0; i < output.Length; i++)
                output[i] <<= wasted;
        long limit = 1L << (bits - 1);
        foreach (long sample in output)
            if (sample < -limit || sample >= limit)
                throw FlacDecoder.Damaged(name, frame, $"a subframe decodes to values beyond its {bits} bits");
    }

    private static void ReadLpc(ref FlacBitReader reader, Span<long> output, int width, int order, string name, int frame)
    {
        if (order > output.Length)
            throw FlacDecoder.Damaged(name, frame, $"a predictor of order {order} in a block of {output.Length}");
        for (int i = 0; i < order; i++)
            output[i] = reader.ReadSigned(width);
        int precision = (int)reader.Read(4) + 1;
        int shift = (int)reader.ReadSigned(5);
        if (precision > MaximumLpcPrecision || shift < 0)
            throw FlacDecoder.Damaged(name, frame, $"an LPC subframe with precision {precision} and shift {shift}");
        // Stored oldest sample's weight first, to run forward over the samples before each one.
        Span<long> coefficients = stackalloc long[order];
        for (int i = order - 1; i >= 0; i--)
            coefficients[i] = reader.ReadSigned(precision);
        Predicted(ref reader, output, width, order, coefficients, shift, name, frame);
    }

    /// <summary>
    /// Reads the warm-up samples (fixed predictors; LPC ones were read before the coefficients) and
    /// the residual, then restores the signal: a fixed predictor of its order when
    /// <paramref name="coefficients"/> is empty, else Σ cⱼ·x[i−order+j] &gt;&gt; shift (the
    /// coefficients oldest sample's first, the reverse of the file's order).
    /// </summary>
    private static void Predicted(ref FlacBitReader reader, Span<long> output, int width, int order, scoped ReadOnlySpan<long> coefficients, int shift, string name, int frame)
    {
        if (order > output.Length)
            throw FlacDecoder.Damaged(name, frame, $"a predictor of order {order} in a block of {output.Length}");
        bool fixedOrder = coefficients.IsEmpty;
        if (fixedOrder)
            for (int i = 0; i < order; i++)
                output[i] = reader.ReadSigned(width);
        ReadResidual(ref reader, output, order, name, frame);
        reader.Spend((long)order * (output.Length - order));
        for (int i = order; i < output.Length; i++)
        {
            long prediction;
            if (fixedOrder)
            {
                prediction = order switch
                {
                    0 => 0,
                    1 => output[i - 1],
                    2 => 2 * output[i - 1] - output[i - 2],
                    3 => 3 * output[i - 1] - 3 * output[i - 2] + output[i - 3],
                    _ => 4 * output[i - 1] - 6 * output[i - 2] + 4 * output[i - 3] - output[i - 4],
                };
            }
            else
            {
                var history = output.Slice(i - coefficients.Length, coefficients.Length);
                long sum = 0;
                for (int j = 0; j < history.Length; j++)
                    sum += coefficients[j] * history[j];
                prediction = sum >> shift;
            }
            output[i] += prediction;
        }
    }

    /// <summary>The residual of the samples after the first <paramref name="order"/>, partition by partition.</summary>
    private static void ReadResidual(ref FlacBitReader reader, Span<long> output, int order, string name, int frame)
    {
        int method = (int)reader.Read(2);
        if (method > 1)
            throw FlacDecoder.Damaged(name, frame, $"a residual of the reserved coding method {method}");
        int parameterBits = method == 0 ? 4 : 5;
        uint escape = (1u << parameterBits) - 1;
        int partitionOrder = (int)reader.Read(4);
        int perPartition = output.Length >> partitionOrder;
        if (perPartition << partitionOrder != output.Length || perPartition < order)
            throw FlacDecoder.Damaged(name, frame, $"{1 << partitionOrder} residual partitions do not divide a block of {output.Length} after {order} warm-up samples");
        int index = order;
        for (int partition = 0; partition < 1 << partitionOrder; partition++)
        {
            int end = (partition + 1) * perPartition;
            uint parameter = reader.Read(parameterBits);
            if (parameter == escape)
            {
                // Unencoded samples of a stated width (0: all zero).
                int width = (int)reader.Read(5);
                for (; index < end; index++)
                    output[index] = width == 0 ? 0 : reader.ReadSigned(width);
                continue;
            }
            // A residual fits 32 bits: the quotient can be at most what leaves room for the remainder.
            uint limit = uint.MaxValue >> (int)parameter;
            for (; index < end; index++)
            {
                ulong folded = reader.ReadRice((int)parameter, limit);
                output[index] = (long)(folded >> 1) ^ -(long)(folded & 1);
            }
        }
    }
}
