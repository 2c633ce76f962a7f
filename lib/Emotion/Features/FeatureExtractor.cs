using System.Globalization;
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
    /// Combines <paramref name="sets"/>, resamples input audio with <paramref name="resampler"/> and
    /// hands the sets each clip after <paramref name="preparation"/> (default <see cref="ClipPreparation.None"/>).
    /// </summary>
    public FeatureExtractor(IReadOnlyList<IFeatureSet> sets, ResamplerOptions resampler, ClipPreparation? preparation = null)
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
        Preparation = preparation ?? ClipPreparation.None;
        Settings = string.Create(CultureInfo.InvariantCulture,
            $"v{AlgorithmVersion} resample({resampler.PassbandEdge:R},{resampler.StopbandEdge:R},{resampler.StopbandAttenuation:R}){Preparation.Settings} {string.Join(" + ", sets.Select(s => s.Settings))}");
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Settings)))[..16];
    }

    /// <summary>The reference analysis's features: 80 MFCC statistics at 22050 Hz (<see cref="MfccStatistics"/>).</summary>
    public static FeatureExtractor Default { get; } = new(new MfccStatistics());

    /// <summary>
    /// The 80 MFCC statistics plus <see cref="SpectralFunctionals"/> and <see cref="ProsodyFeatures"/>
    /// (212 values) of the utterance, trimmed of the silence around it (25 dB below its loudest
    /// frame) and scaled to a fixed RMS, so that neither the recorder's pauses nor its gain move
    /// them: the bundled model's features, compared in <c>reports/speaker-independent.md</c>.
    /// </summary>
    public static FeatureExtractor Extended { get; } = new([new MfccStatistics(), new SpectralFunctionals(), new ProsodyFeatures()], AudioLoadOptions.Default.Resampler,
        new ClipPreparation { TrimDecibels = 25, NormaliseLevel = true });

    /// <summary>The feature computations a model bundle can name, found again by their <see cref="Settings"/>.</summary>
    public static IReadOnlyList<FeatureExtractor> Known => [Default, Extended];

    /// <summary>These features followed by those of <paramref name="set"/>, with the same loading and preparation.</summary>
    public FeatureExtractor With(IFeatureSet set) => new([.. _sets, set], LoadOptions.Resampler, Preparation);

    /// <summary>What is done to each clip before the sets see it.</summary>
    public ClipPreparation Preparation { get; }

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
        clip = Preparation.Apply(clip);
        var values = new float[FeatureNames.Count];
        int offset = 0;
        foreach (var set in _sets)
        {
            set.Extract(clip, values.AsSpan(offset, set.FeatureNames.Count));
            offset += set.FeatureNames.Count;
        }
        return values;
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
