using System.Diagnostics;
using Emotion.Audio;
using Emotion.Features;

namespace Emotion.Data;

/// <summary>Settings of <see cref="CorpusExtractor.Run"/>.</summary>
public sealed record CorpusExtractionOptions
{
    /// <summary>Clips processed at once. Default: one per core.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Where finished features are looked up and stored; null computes everything. Default null.</summary>
    public FeatureCache? Cache { get; init; }

    /// <summary>Keep each clip's frames too, for models that learn from them (audio words). Default false.</summary>
    public bool Frames { get; init; }

    /// <summary>Receives progress after each clip. Default null.</summary>
    public IProgress<BatchProgress>? Progress { get; init; }

    /// <summary>Stops the run. Default none.</summary>
    public CancellationToken Cancellation { get; init; }
}

/// <summary>A clip and its features.</summary>
/// <param name="Clip">The file and what its name tells.</param>
/// <param name="Features">The clip's features, and frames when asked for.</param>
public sealed record ExtractedClip(CorpusClip Clip, ClipFeatures Features);

/// <summary>A clip that could not be analysed, and why.</summary>
public sealed record ClipFailure(CorpusClip Clip, string Reason);

/// <summary>The outcome of extracting a corpus.</summary>
/// <param name="Clips">Clips with features, in catalog order.</param>
/// <param name="Failures">Clips skipped, in catalog order, with the reason.</param>
/// <param name="CacheHits">How many clips came from the cache.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
/// <param name="FeatureNames">The features' names.</param>
public sealed record CorpusExtractionResult(
    IReadOnlyList<ExtractedClip> Clips, IReadOnlyList<ClipFailure> Failures, int CacheHits, TimeSpan Elapsed, IReadOnlyList<string> FeatureNames)
{
    /// <summary>The labelled clips as a table (with their frames, when extracted with them).</summary>
    public FeatureTable ToTable() => new(FeatureNames, [.. Clips.Where(c => c.Clip.Emotion is not null)
        .Select(c => new FeatureRow(c.Clip.Info, c.Features.Values) { Frames = c.Features.Frames })]);
}

/// <summary>Extracts features for every clip of a corpus in parallel, skipping and recording bad files.</summary>
public static class CorpusExtractor
{
    /// <summary>Runs <paramref name="extractor"/> over <paramref name="catalog"/>; saves the cache, if any, at the end.</summary>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static CorpusExtractionResult Run(CorpusCatalog catalog, FeatureExtractor extractor, CorpusExtractionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(extractor);
        options ??= new CorpusExtractionOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxParallelism);
        if (options.Cache is { } given && given.KeepsFrames != options.Frames)
            throw new ArgumentException("The cache must keep frames exactly when the run keeps them.", nameof(options));

        var clips = catalog.Clips;
        var features = new ClipFeatures?[clips.Count];
        var reasons = new string?[clips.Count];
        int completed = 0, cacheHits = 0;
        var clock = Stopwatch.StartNew();

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = options.Cancellation };
        Parallel.For(0, clips.Count, parallel, i =>
        {
            try
            {
                (features[i], bool cached) = ExtractOne(clips[i].Path, extractor, options);
                if (cached)
                    Interlocked.Increment(ref cacheHits);
            }
            catch (AudioException e)
            {
                reasons[i] = e.Problem;
            }
            int done = Interlocked.Increment(ref completed);
            options.Progress?.Report(new BatchProgress(done, clips.Count, clock.Elapsed));
        });

        options.Cache?.Save();
        var extracted = clips.Select((clip, i) => features[i] is { } f ? new ExtractedClip(clip, f) : null).OfType<ExtractedClip>().ToList();
        var failures = clips.Select((clip, i) => reasons[i] is { } r ? new ClipFailure(clip, r) : null).OfType<ClipFailure>().ToList();
        return new CorpusExtractionResult(extracted, failures, cacheHits, clock.Elapsed, extractor.FeatureNames);
    }

    private static (ClipFeatures Features, bool Cached) ExtractOne(string path, FeatureExtractor extractor, CorpusExtractionOptions options)
    {
        byte[] content = AudioFile.ReadAllBytes(path, extractor.LoadOptions.Limits.MaximumFileBytes);
        string? key = options.Cache is null ? null : FeatureCache.Key(content);
        if (key is not null && options.Cache!.TryGet(key, out var cached))
            return (cached, true);
        var analysis = extractor.Analyze(AudioFile.Load(content, path, extractor.LoadOptions, options.Cancellation), options.Cancellation);
        var features = new ClipFeatures(extractor.Extract(analysis), options.Frames ? analysis.WordFrames() : null);
        if (key is not null)
            options.Cache!.Add(key, features);
        return (features, false);
    }
}
