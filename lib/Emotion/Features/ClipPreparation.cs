using System.Numerics.Tensors;
using Emotion.Audio;

namespace Emotion.Features;

/// <summary>
/// What happens to a clip before the feature sets see it: trimming the silence around the
/// utterance (librosa's <c>effects.trim</c>) and scaling to a fixed level. Both make features
/// describe the voice rather than the recording: how much silence the recorder left and how loud
/// the microphone was set move nothing.
/// </summary>
public sealed record ClipPreparation
{
    private const int FrameLength = 2048;
    private const int HopLength = 512;

    /// <summary>RMS a clip is scaled to when <see cref="NormaliseLevel"/> (−20 dBFS).</summary>
    public const double NormalisedRms = 0.1;

    /// <summary>
    /// Cut leading and trailing audio whose frames (2048 samples, hop 512) are this many dB or more
    /// below the loudest frame; null keeps the clip whole. Default null.
    /// </summary>
    public double? TrimDecibels { get; init; }

    /// <summary>Scale the (trimmed) clip to <see cref="NormalisedRms"/>. Default false.</summary>
    public bool NormaliseLevel { get; init; }

    /// <summary>Leaves clips as they are (the reference analysis).</summary>
    public static ClipPreparation None { get; } = new();

    /// <summary>
    /// The clip trimmed and scaled as set (<paramref name="clip"/> itself when nothing applies), and
    /// where what is left starts in the clip given.
    /// </summary>
    public (AudioClip Clip, TimeSpan Start) Apply(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var (kept, start) = TrimDecibels is { } db ? Trim(clip, db) : (clip, 0);
        return (NormaliseLevel ? ToNormalisedLevel(kept) : kept, TimeSpan.FromSeconds((double)start / clip.SampleRate));
    }

    private static (AudioClip Clip, int Start) Trim(AudioClip clip, double decibels)
    {
        var samples = clip.Samples;
        if (samples.Length <= FrameLength)
            return (clip, 0);
        int frames = 1 + (samples.Length - FrameLength) / HopLength;
        var power = new double[frames];
        for (int f = 0; f < frames; f++)
        {
            var frame = samples.AsSpan(f * HopLength, FrameLength);
            power[f] = TensorPrimitives.Dot(frame, frame);
        }
        double floor = power.Max() * Math.Pow(10, -decibels / 10);
        int first = Array.FindIndex(power, p => p > floor);
        if (first < 0)
            return (clip, 0);
        int last = Array.FindLastIndex(power, p => p > floor);
        int start = first * HopLength, end = Math.Min(samples.Length, last * HopLength + FrameLength);
        return (start == 0 && end == samples.Length ? clip : new AudioClip(samples[start..end], clip.SampleRate), start);
    }

    private static AudioClip ToNormalisedLevel(AudioClip clip)
    {
        double rms = Math.Sqrt(TensorPrimitives.Dot(clip.Samples, clip.Samples) / Math.Max(1, clip.Samples.Length));
        if (rms <= 0)
            return clip;
        var scaled = new float[clip.Samples.Length];
        TensorPrimitives.Multiply(clip.Samples, (float)(NormalisedRms / rms), scaled);
        return new AudioClip(scaled, clip.SampleRate);
    }
}
