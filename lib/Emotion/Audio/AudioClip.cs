namespace Emotion.Audio;

/// <summary>
/// Mono audio: samples in [-1, 1] at a known sample rate. The unit that moves between decoding,
/// resampling and feature extraction (librosa's <c>(y, sr)</c> pair).
/// </summary>
public sealed class AudioClip
{
    /// <summary>Creates a clip over <paramref name="samples"/> (not copied).</summary>
    /// <param name="samples">Mono samples, nominally in [-1, 1].</param>
    /// <param name="sampleRate">Samples per second (<c>sr</c>); must be positive.</param>
    public AudioClip(float[] samples, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        Samples = samples;
        SampleRate = sampleRate;
    }

    /// <summary>Mono samples, nominally in [-1, 1].</summary>
    public float[] Samples { get; }

    /// <summary>Samples per second.</summary>
    public int SampleRate { get; }

    /// <summary>Length in time.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);

    /// <summary>
    /// Returns this clip at <paramref name="targetRate"/> through the band-limited polyphase
    /// resampler (librosa's <c>resample</c>); the same instance when the rate already matches.
    /// </summary>
    public AudioClip Resample(int targetRate, ResamplerOptions? options = null, CancellationToken cancel = default) =>
        targetRate == SampleRate
            ? this
            : new AudioClip(Resampler.Resample(Samples, SampleRate, targetRate, options, cancel), targetRate);
}
