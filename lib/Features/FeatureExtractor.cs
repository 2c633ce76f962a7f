using System.Globalization;
using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text;
using Emotion.Audio;

namespace Emotion.Features;

/// <summary>
/// Turns a clip into one named feature vector by running its <see cref="IFeatureSet"/>s side by side.
/// <see cref="Default"/> is the reference analysis's 80 MFCC statistics.
/// </summary>
public sealed class FeatureExtractor
{
    /// <summary>Version of the feature computation; bump it when the output of an unchanged setting changes, to retire caches.</summary>
    private const int AlgorithmVersion = 1;

    private readonly IFeatureSet[] _sets;

    /// <summary>Combines <paramref name="sets"/>, in order; they must share one sample rate and have distinct feature names.</summary>
    public FeatureExtractor(params IReadOnlyList<IFeatureSet> sets) : this(sets, AudioLoadOptions.Default.Resampler) { }

    /// <summary>
    /// Combines <paramref name="sets"/> and resamples input audio with <paramref name="resampler"/>;
    /// with <paramref name="normaliseLevel"/>, every clip is first scaled to a fixed RMS
    /// (<see cref="NormalisedRms"/>), so that no feature depends on recording gain.
    /// </summary>
    public FeatureExtractor(IReadOnlyList<IFeatureSet> sets, ResamplerOptions resampler, bool normaliseLevel = false)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(resampler);
        if (sets.Count == 0)
            throw new ArgumentException("At least one feature set is needed.", nameof(sets));
        var rates = sets.Select(s => s.SampleRate).Distinct().ToList();
        if (rates.Count > 1)
            throw new ArgumentException($"Feature sets analyse different sample rates ({string.Join(", ", rates)} Hz); use one rate.", nameof(sets));
        var duplicates = sets.SelectMany(s => s.FeatureNames).GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new ArgumentException($"Feature names repeat across sets: {string.Join(", ", duplicates.Take(5))}.", nameof(sets));

        _sets = [.. sets];
        FeatureNames = [.. sets.SelectMany(s => s.FeatureNames)];
        LoadOptions = new AudioLoadOptions { SampleRate = rates[0], Resampler = resampler };
        NormalisesLevel = normaliseLevel;
        Settings = string.Create(CultureInfo.InvariantCulture,
            $"v{AlgorithmVersion} resample({resampler.PassbandEdge:R},{resampler.StopbandEdge:R},{resampler.StopbandAttenuation:R}){(normaliseLevel ? $" rms({NormalisedRms:R})" : "")} {string.Join(" + ", sets.Select(s => s.Settings))}");
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Settings)))[..16];
    }

    /// <summary>The reference analysis's features: 80 MFCC statistics at 22050 Hz (<see cref="MfccStatistics"/>).</summary>
    public static FeatureExtractor Default { get; } = new(new MfccStatistics());

    /// <summary>
    /// The 80 MFCC statistics plus <see cref="SpectralFunctionals"/> and <see cref="ProsodyFeatures"/>
    /// (212 values) of the clip scaled to a fixed RMS, so that recording gain moves none of them:
    /// the bundled model's features, compared in <c>reports/speaker-independent.md</c>.
    /// </summary>
    public static FeatureExtractor Extended { get; } = new([new MfccStatistics(), new SpectralFunctionals(), new ProsodyFeatures()], AudioLoadOptions.Default.Resampler, normaliseLevel: true);

    /// <summary>The feature computations a model bundle can name, found again by their <see cref="Settings"/>.</summary>
    public static IReadOnlyList<FeatureExtractor> Known => [Default, Extended];

    /// <summary>RMS every clip is scaled to when <see cref="NormalisesLevel"/> (−20 dBFS).</summary>
    public const double NormalisedRms = 0.1;

    /// <summary>Whether clips are scaled to <see cref="NormalisedRms"/> before the sets see them.</summary>
    public bool NormalisesLevel { get; }

    /// <summary>The sets in order.</summary>
    public IReadOnlyList<IFeatureSet> Sets => _sets;

    /// <summary>All feature names, set by set.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>How audio is loaded for these features (mono, at the sets' rate).</summary>
    public AudioLoadOptions LoadOptions { get; }

    /// <summary>Every setting that shapes the output, as text.</summary>
    public string Settings { get; }

    /// <summary>A short hash of <see cref="Settings"/>: equal fingerprints mean interchangeable features.</summary>
    public string Fingerprint { get; }

    /// <summary>Features of a clip already at <see cref="LoadOptions"/>' sample rate.</summary>
    public float[] Extract(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (NormalisesLevel)
            clip = ToNormalisedLevel(clip);
        var values = new float[FeatureNames.Count];
        int offset = 0;
        foreach (var set in _sets)
        {
            set.Extract(clip, values.AsSpan(offset, set.FeatureNames.Count));
            offset += set.FeatureNames.Count;
        }
        return values;
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

    /// <summary>Loads the audio file at <paramref name="path"/> and extracts its features.</summary>
    /// <exception cref="AudioFormatException">The file cannot be read as audio, or is too short to analyse.</exception>
    public float[] Extract(string path) => Extract(AudioFile.ReadAllBytes(path), path);

    /// <summary>Decodes in-memory file <paramref name="content"/> (named <paramref name="name"/> in errors) and extracts its features.</summary>
    /// <exception cref="AudioFormatException">The content cannot be read as audio, or is too short to analyse.</exception>
    public float[] Extract(byte[] content, string name)
    {
        var clip = AudioFile.Load(content, name, LoadOptions);
        return Extract(clip);
    }
}
