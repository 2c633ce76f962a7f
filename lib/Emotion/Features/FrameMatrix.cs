namespace Emotion.Features;

/// <summary>
/// A clip's frames: <see cref="Count"/> vectors of <see cref="Width"/> values, one after another in
/// one array. One object per clip, where an array per frame made millions of them for a corpus and
/// its degraded copies, each one for the collector to trace and for the cache to read by itself.
/// Immutable.
/// </summary>
public sealed class FrameMatrix
{
    private readonly float[] _values;

    /// <summary>Frames of <paramref name="width"/> values one after another in <paramref name="values"/>, which the matrix takes over (not copied).</summary>
    internal FrameMatrix(float[] values, int width)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        if (width == 0 ? values.Length != 0 : values.Length % width != 0)
            throw new ArgumentException($"{values.Length} values are not whole frames of {width}.", nameof(values));
        _values = values;
        Width = width;
        Count = width == 0 ? 0 : values.Length / width;
    }

    /// <summary>Frames, each a vector of <see cref="Width"/> values.</summary>
    public int Count { get; }

    /// <summary>Values per frame.</summary>
    public int Width { get; }

    /// <summary>Frame <paramref name="frame"/>'s values.</summary>
    public ReadOnlySpan<float> this[int frame] => (uint)frame < (uint)Count ? _values.AsSpan(frame * Width, Width)
        : throw new ArgumentOutOfRangeException(nameof(frame), $"Frame {frame} of {Count}.");

    /// <summary>Every frame's values, one frame after another.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>A copy of <paramref name="frames"/> (all of <paramref name="width"/> values) as one matrix.</summary>
    public static FrameMatrix Of(IReadOnlyList<float[]> frames, int width)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var values = new float[frames.Count * width];
        for (int f = 0; f < frames.Count; f++)
        {
            if (frames[f].Length != width)
                throw new ArgumentException($"Frame {f} has {frames[f].Length} values, not {width}.", nameof(frames));
            frames[f].CopyTo(values, f * width);
        }
        return new FrameMatrix(values, width);
    }

    /// <summary>The frames from <paramref name="first"/> on, <paramref name="count"/> of them (a copy).</summary>
    public FrameMatrix Slice(int first, int count) => new(_values.AsSpan(first * Width, count * Width).ToArray(), Width);
}
