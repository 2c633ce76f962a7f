using Emotion.Audio;

namespace Emotion.Features;

/// <summary>The feature sets a <see cref="FeatureExtractor"/> can compute, each reading the shared <see cref="AudioAnalysis"/>.</summary>
public enum FeatureSetKind
{
    /// <summary>The reference's 80 values: mean and standard deviation of each MFCC (<see cref="MfccStatistics"/>).</summary>
    MfccStatistics,

    /// <summary>MFCC delta spread, clip-relative band levels, energy contour, spectral shape (<see cref="SpectralFunctionals"/>).</summary>
    SpectralFunctionals,

    /// <summary>Pitch, voicing, rhythm, jitter, shimmer, harmonics-to-noise (<see cref="ProsodyFeatures"/>).</summary>
    Prosody,

    /// <summary>Mean and standard deviation of each of 12 pitch classes (<see cref="ChromaFeatures"/>).</summary>
    Chroma,
}

/// <summary>
/// Everything that decides a clip's feature vector, as data: a model bundle stores it and builds
/// the same <see cref="FeatureExtractor"/> from it again. The defaults are the reference analysis's:
/// the 80 MFCC statistics of the clip as loaded.
/// </summary>
public sealed record FeatureOptions
{
    /// <summary>The resampler that brings audio to the analysis rate. Default <see cref="ResamplerOptions.Default"/>.</summary>
    public ResamplerOptions Resampler { get; init; } = ResamplerOptions.Default;

    /// <summary>Trimming and level normalisation before analysis. Default <see cref="ClipPreparation.None"/>.</summary>
    public ClipPreparation Preparation { get; init; } = ClipPreparation.None;

    /// <summary>The spectral analysis every set shares (its sample rate is the analysis rate). Default <see cref="MfccOptions.Librosa"/>.</summary>
    public MfccOptions Mfcc { get; init; } = MfccOptions.Librosa;

    /// <summary>The pitch tracker's settings, for <see cref="FeatureSetKind.Prosody"/>. Default <see cref="PitchOptions.Default"/>.</summary>
    public PitchOptions Pitch { get; init; } = PitchOptions.Default;

    /// <summary>The sets, in the order their values appear. Default the MFCC statistics alone.</summary>
    public IReadOnlyList<FeatureSetKind> Sets { get; init; } = [FeatureSetKind.MfccStatistics];

    /// <summary>The reference analysis's 80 MFCC statistics of the clip as loaded.</summary>
    public static FeatureOptions Reference { get; } = new();

    /// <summary>
    /// The 80 MFCC statistics, spectral functionals and prosody (212 values) of the utterance,
    /// trimmed of the silence around it (25 dB below its loudest frame) and scaled to one RMS level,
    /// so that neither the recorder's pauses nor its gain move them.
    /// </summary>
    public static FeatureOptions Extended { get; } = new()
    {
        Preparation = new ClipPreparation { TrimDecibels = 25, NormaliseLevel = true },
        Sets = [FeatureSetKind.MfccStatistics, FeatureSetKind.SpectralFunctionals, FeatureSetKind.Prosody],
    };

    /// <summary>
    /// <see cref="Extended"/> with every spectral feature taken from 0-8 kHz only: a recording at
    /// 16 kHz, or a microphone that rolls off the top octave, gives the studio's values, and the
    /// model cannot key on a band most recordings outside the studio do not have.
    /// </summary>
    public static FeatureOptions BandLimited { get; } = Extended with { Mfcc = MfccOptions.Librosa with { HighFrequency = 8000 } };

    /// <summary>Equal when every setting is.</summary>
    public bool Equals(FeatureOptions? other) =>
        other is not null && Resampler == other.Resampler && Preparation == other.Preparation && Mfcc == other.Mfcc
        && Pitch == other.Pitch && Sets.SequenceEqual(other.Sets);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Resampler, Preparation, Mfcc, Pitch, Sets.Count);
}
