using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Emotion.Audio;

namespace Emotion.Features;

/// <summary>
/// Turns a clip into one named feature vector: prepares it (<see cref="ClipPreparation"/>),
/// analyses it once (<see cref="AudioAnalysis"/>), and runs every set of <see cref="FeatureOptions.Sets"/>
/// on that one analysis. <see cref="Default"/> is the reference analysis's 80 MFCC statistics.
/// Immutable and thread-safe.
/// </summary>
public sealed class FeatureExtractor
{
    /// <summary>Version of the feature computation; bump it when the output of unchanged settings changes, to retire caches and bundles.</summary>
    private const int AlgorithmVersion = 2;

    // The options' shape is generated at build time (SettingsContext): serialising by reflection
    // took 50 ms of a process's start, 3% of extracting the whole corpus.
    private static readonly JsonSerializerOptions SettingsJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        TypeInfoResolver = SettingsContext.Default,
    };

    private readonly IFeatureSet[] _sets;

    /// <summary>An extractor for <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid or name a set twice; every problem is listed.</exception>
    public FeatureExtractor(FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Mfcc.ThrowIfInvalid();
        var errors = options.Resampler.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid resampler options: " + string.Join("; ", errors), nameof(options));
        if (options.Sets.Count == 0)
            throw new ArgumentException("At least one feature set is needed.", nameof(options));
        if (options.Sets.Distinct().Count() != options.Sets.Count)
            throw new ArgumentException($"A feature set is named twice: {string.Join(", ", options.Sets)}.", nameof(options));
        Options = options;
        _sets = [.. options.Sets.Select(kind => Create(kind, options))];
        FeatureNames = [.. _sets.SelectMany(s => s.FeatureNames)];
        LoadOptions = new AudioLoadOptions { SampleRate = options.Mfcc.SampleRate, Resampler = options.Resampler };
        Settings = $"v{AlgorithmVersion} " + JsonSerializer.Serialize(options, SettingsJson);
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Settings)))[..16];
    }

    /// <summary>The reference analysis's features: 80 MFCC statistics at 22050 Hz (<see cref="FeatureOptions.Reference"/>).</summary>
    public static FeatureExtractor Default { get; } = new(FeatureOptions.Reference);

    /// <summary>The 212 extended features of the trimmed, level-normalised utterance (<see cref="FeatureOptions.Extended"/>).</summary>
    public static FeatureExtractor Extended { get; } = new(FeatureOptions.Extended);

    /// <summary>The settings, as data.</summary>
    public FeatureOptions Options { get; }

    /// <summary>The sets in order.</summary>
    public IReadOnlyList<IFeatureSet> Sets => _sets;

    /// <summary>All feature names, set by set.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>How audio is loaded for these features (mono, at the analysis rate).</summary>
    public AudioLoadOptions LoadOptions { get; }

    /// <summary>Every setting that shapes the output, as text (the algorithm version and the options as JSON).</summary>
    public string Settings { get; }

    /// <summary>A short hash of <see cref="Settings"/>: equal fingerprints mean interchangeable features.</summary>
    public string Fingerprint { get; }

    /// <summary>Prepares <paramref name="clip"/> (at <see cref="LoadOptions"/>' rate) and starts its shared analysis; nothing is computed until asked for.</summary>
    public AudioAnalysis Analyze(AudioClip clip, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var (prepared, start) = Options.Preparation.Apply(clip);
        return new AudioAnalysis(prepared, Options, cancel) { ClipStart = start };
    }

    /// <summary>The features of an analysis (or a slice of one).</summary>
    public float[] Extract(AudioAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (!analysis.Options.Equals(Options))
            throw new ArgumentException("The analysis was made with other settings than these features need.", nameof(analysis));
        var values = new float[FeatureNames.Count];
        int offset = 0;
        foreach (var set in _sets)
        {
            analysis.Cancellation.ThrowIfCancellationRequested();
            set.Extract(analysis, values.AsSpan(offset, set.FeatureNames.Count));
            offset += set.FeatureNames.Count;
        }
        return values;
    }

    /// <summary>Features of a clip already at <see cref="LoadOptions"/>' sample rate.</summary>
    public float[] Extract(AudioClip clip) => Extract(Analyze(clip));

    /// <summary>Loads the audio file at <paramref name="path"/> and extracts its features.</summary>
    /// <exception cref="AudioException">The file cannot be read as audio, or is too long.</exception>
    public float[] Extract(string path) => Extract(AudioFile.Load(path, LoadOptions));

    /// <summary>Decodes in-memory file <paramref name="content"/> (named <paramref name="name"/> in errors) and extracts its features.</summary>
    /// <exception cref="AudioException">The content cannot be read as audio, or is too long.</exception>
    public float[] Extract(byte[] content, string name) => Extract(AudioFile.Load(content, name, LoadOptions));

    private static IFeatureSet Create(FeatureSetKind kind, FeatureOptions options) => kind switch
    {
        FeatureSetKind.MfccStatistics => new MfccStatistics(options.Mfcc.CoefficientCount),
        FeatureSetKind.SpectralFunctionals => new SpectralFunctionals(options.Mfcc),
        FeatureSetKind.Prosody => new ProsodyFeatures(),
        FeatureSetKind.Chroma => new ChromaFeatures(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a feature set this library computes."),
    };
}

[JsonSerializable(typeof(FeatureOptions))]
internal sealed partial class SettingsContext : JsonSerializerContext;
