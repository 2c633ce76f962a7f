using System.Diagnostics;
using Emotion.Audio;
using Emotion.Data;

namespace Emotion.Features;

/// <summary>Settings of <see cref="CorpusExtractor.Run"/>.</summary>
public sealed record CorpusExtractionOptions
{
    /// <summary>Clips processed at once. Default: one per core.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Where finished features are looked up and stored; null computes everything. Default null.</summary>
    public FeatureCache? Cache { get; init; }

    /// <summary>Receives progress after each clip. Default null.</summary>
    public IProgress<BatchProgress>? Progress { get; init; }
}

/// <summary>A clip and its features.</summary>
public sealed record ExtractedClip(CorpusClip Clip, float[] Features);

/// <summary>A clip that could not be analysed, and why.</summary>
public sealed record ClipFailure(CorpusClip Clip, string Reason);

/// <summary>The outcome of extracting a corpus.</summary>
/// <param name="Clips">Clips with features, in catalog order.</param>
/// <param name="Failures">Clips skipped, in catalog order, with the reason.</param>
/// <param name="CacheHits">How many clips came from the cache.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
public sealed record CorpusExtractionResult(
    IReadOnlyList<ExtractedClip> Clips, IReadOnlyList<ClipFailure> Failures, int CacheHits, TimeSpan Elapsed);

/// <summary>Extracts features for every clip of a corpus in parallel, skipping and recording bad files.</summary>
public static class CorpusExtractor
{
    /// <summary>Runs <paramref name="extractor"/> over <paramref name="catalog"/>; saves the cache, if any, at the end.</summary>
    public static CorpusExtractionResult Run(CorpusCatalog catalog, FeatureExtractor extractor, CorpusExtractionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(extractor);
        options ??= new CorpusExtractionOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxParallelism);

        var clips = catalog.Clips;
        var features = new float[clips.Count][];
        var reasons = new string?[clips.Count];
        int completed = 0, cacheHits = 0;
        var clock = Stopwatch.StartNew();

        Parallel.For(0, clips.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism }, i =>
        {
            try
            {
                (features[i], bool cached) = ExtractOne(clips[i].Path, extractor, options.Cache);
                if (cached)
                    Interlocked.Increment(ref cacheHits);
            }
            catch (AudioFormatException e)
            {
                reasons[i] = e.Problem;
            }
            int done = Interlocked.Increment(ref completed);
            options.Progress?.Report(new BatchProgress(done, clips.Count, clock.Elapsed));
        });

        options.Cache?.Save();
        var extracted = clips.Select((clip, i) => features[i] is { } f ? new ExtractedClip(clip, f) : null).OfType<ExtractedClip>().ToList();
        var failures = clips.Select((clip, i) => reasons[i] is { } r ? new ClipFailure(clip, r) : null).OfType<ClipFailure>().ToList();
        return new CorpusExtractionResult(extracted, failures, cacheHits, clock.Elapsed);
    }

    private static (float[] Features, bool Cached) ExtractOne(string path, FeatureExtractor extractor, FeatureCache? cache)
    {
        byte[] content = AudioFile.ReadAllBytes(path);
        if (cache is null)
            return (extractor.Extract(content, path), false);
        string key = FeatureCache.Key(content);
        if (cache.TryGet(key, out var cached))
            return (cached, true);
        var features = extractor.Extract(content, path);
        cache.Add(key, features);
        return (features, false);
    }
}
