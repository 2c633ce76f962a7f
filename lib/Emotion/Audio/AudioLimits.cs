using System.Globalization;
using System.Numerics.Tensors;

namespace Emotion.Audio;

/// <summary>
/// What a file may declare before any work is done on it: decoders check these against the header,
/// so that no input costs unbounded time or memory. The defaults admit every real recording.
/// </summary>
public sealed record AudioLimits
{
    /// <summary>Lowest sample rate accepted, in Hz. Default 1000.</summary>
    public int MinimumSampleRate { get; init; } = 1000;

    /// <summary>Highest sample rate accepted, in Hz. Default 384000.</summary>
    public int MaximumSampleRate { get; init; } = 384_000;

    /// <summary>Most channels accepted. Default 32.</summary>
    public int MaximumChannels { get; init; } = 32;

    /// <summary>
    /// Longest clip accepted. Default 1 hour (the web app sets 10 minutes). Above
    /// <see cref="FullRate"/> a clip may hold only as many samples as this long at that rate (a
    /// 384 kHz clip an eighth as long): a few kilobytes of FLAC or Vorbis can declare ten minutes
    /// at 384 kHz, which took 3.7 GB and 8 s to analyse.
    /// </summary>
    public TimeSpan MaximumDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The rate up to which <see cref="MaximumDuration"/> holds in full: 48 kHz, above any the analysis uses.</summary>
    public const int FullRate = 48_000;

    /// <summary>Largest file read, in bytes. Default 512 MiB.</summary>
    public long MaximumFileBytes { get; init; } = 512L << 20;

    /// <summary>
    /// Largest sample magnitude accepted; full scale is 1. Float files may go over full scale, and
    /// some tools write floats scaled like 16- or 24-bit integers, but nothing real reaches 2²⁴.
    /// Default 16777216.
    /// </summary>
    public float MaximumMagnitude { get; init; } = 1 << 24;

    /// <summary>The defaults.</summary>
    public static AudioLimits Default { get; } = new();

    /// <summary>Throws unless <paramref name="sampleRate"/> and <paramref name="channels"/>, as a file of <paramref name="format"/> declares them, are within the limits.</summary>
    /// <exception cref="AudioFormatException">Either is out of range; the message names the file and the value.</exception>
    internal void CheckHeader(string name, string format, long sampleRate, long channels)
    {
        if (sampleRate < MinimumSampleRate || sampleRate > MaximumSampleRate)
            throw new AudioFormatException(name, string.Create(CultureInfo.InvariantCulture,
                $"the {format} header declares a sample rate of {sampleRate} Hz; audio is read between {MinimumSampleRate} and {MaximumSampleRate} Hz, so the header is damaged or the file is not a recording"));
        if (channels < 1 || channels > MaximumChannels)
            throw new AudioFormatException(name, string.Create(CultureInfo.InvariantCulture,
                $"the {format} header declares {channels} channels; 1 to {MaximumChannels} are read"));
    }

    /// <summary>Throws when <paramref name="frames"/> at <paramref name="sampleRate"/> last longer than <see cref="MaximumDuration"/>.</summary>
    /// <exception cref="UnusableClipException">The clip is too long.</exception>
    internal void CheckDuration(string name, long frames, int sampleRate)
    {
        if (frames <= MaximumFrames(sampleRate))
            return;
        if (sampleRate <= FullRate)
            throw new UnusableClipException(name, $"the clip lasts {Describe(TimeSpan.FromSeconds((double)frames / sampleRate))}, longer than the {Describe(MaximumDuration)} limit; cut it shorter");
        // Decoders stop as soon as a clip is over, so the whole length may not be known here.
        string allowed = Describe(TimeSpan.FromSeconds((double)MaximumFrames(sampleRate) / sampleRate));
        throw new UnusableClipException(name, string.Create(CultureInfo.InvariantCulture,
            $"the clip is longer than {allowed} at {sampleRate} Hz, the most the {Describe(MaximumDuration)} limit allows at that rate (as many samples as {Describe(MaximumDuration)} at {FullRate} Hz); cut it shorter or resample it to {FullRate} Hz"));
    }

    /// <summary>Most frames a clip at <paramref name="sampleRate"/> may have: <see cref="MaximumDuration"/> at that rate, or at <see cref="FullRate"/> above it.</summary>
    internal long MaximumFrames(int sampleRate) => (long)Math.Ceiling(MaximumDuration.TotalSeconds * Math.Min(sampleRate, FullRate));

    /// <summary>Throws unless every sample is a finite number within <see cref="MaximumMagnitude"/>.</summary>
    /// <exception cref="AudioFormatException">A sample is NaN, infinite or absurdly large.</exception>
    internal void CheckSamples(string name, ReadOnlySpan<float> samples)
    {
        // One vectorised pass in the common case (NaN wins the maximum); the scan that names the
        // sample only runs for a file that fails.
        float peak = samples.IsEmpty ? 0 : TensorPrimitives.MaxMagnitude(samples);
        if (float.IsFinite(peak) && Math.Abs(peak) <= MaximumMagnitude)
            return;
        for (int i = 0; i < samples.Length; i++)
        {
            float value = samples[i];
            if (!float.IsFinite(value))
                throw new AudioFormatException(name, string.Create(CultureInfo.InvariantCulture,
                    $"sample {i} is {value}, not a number a recording holds: the file is corrupt"));
            if (Math.Abs(value) > MaximumMagnitude)
                throw new AudioFormatException(name, string.Create(CultureInfo.InvariantCulture,
                    $"sample {i} is {value:G3}, where full scale is 1: the file is corrupt"));
        }
    }

    private static string Describe(TimeSpan span) => span.TotalMinutes >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:F1} s");
}
