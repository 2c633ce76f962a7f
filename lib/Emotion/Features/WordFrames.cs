using System.Diagnostics;
using Emotion.Audio;
using Emotion.Data;

namespace Emotion.Features;

/// <summary>
/// The frames of every clip of a table, kept so that an <see cref="AudioCodebook"/> can be learned
/// inside each training fold: a codebook learned on all clips would have heard the held-out
/// speakers. Attach it to a table (<see cref="FeatureTable.Words"/>) and cross-validation learns
/// the words from each fold's training rows and appends them (<see cref="FeatureTable.WithLearnedFeatures"/>).
/// </summary>
public sealed class WordFrames
{
    private readonly IReadOnlyDictionary<string, float[][]> _frames;

    /// <summary>Frames by clip path (<see cref="FeatureRow.Path"/>), counted as <paramref name="options"/> says.</summary>
    public WordFrames(IReadOnlyDictionary<string, float[][]> framesByPath, AudioWordsOptions options)
    {
        ArgumentNullException.ThrowIfNull(framesByPath);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _frames = framesByPath;
        Options = options;
    }

    /// <summary>How the codebooks are learned and counted.</summary>
    public AudioWordsOptions Options { get; }

    /// <summary>
    /// Reads every clip of <paramref name="table"/> from under <paramref name="corpusRoot"/> (the
    /// folder its paths are relative to), loaded and prepared as <paramref name="features"/> does,
    /// and keeps its frames (<see cref="AudioWords.Frames"/>); clips in parallel.
    /// </summary>
    /// <exception cref="AudioFormatException">A clip is missing or unreadable; the message names it.</exception>
    public static WordFrames Extract(string corpusRoot, FeatureTable table, FeatureExtractor features, AudioWordsOptions options, IProgress<BatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(corpusRoot);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(features);
        var paths = table.Rows.Select(r => r.Path).Distinct().ToArray();
        var frames = new float[paths.Length][][];
        int done = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, paths.Length, i =>
        {
            var clip = AudioFile.Load(Path.Combine(corpusRoot, paths[i]), features.LoadOptions);
            frames[i] = AudioWords.Frames(features.Preparation.Apply(clip));
            progress?.Report(new BatchProgress(Interlocked.Increment(ref done), paths.Length, clock.Elapsed));
        });
        return new WordFrames(paths.Zip(frames).ToDictionary(p => p.First, p => p.Second), options);
    }

    /// <summary>Learns a codebook from the frames of <paramref name="training"/>.</summary>
    public AudioCodebook Learn(IEnumerable<FeatureRow> training, int seed)
    {
        ArgumentNullException.ThrowIfNull(training);
        return AudioCodebook.Learn([.. training.Select(Of)], Options, seed);
    }

    /// <summary>Every row of <paramref name="table"/> with its histogram of <paramref name="codebook"/>'s words appended.</summary>
    public FeatureTable Append(FeatureTable table, AudioCodebook codebook)
    {
        ArgumentNullException.ThrowIfNull(table);
        var words = new AudioWords(codebook);
        var rows = new FeatureRow[table.Rows.Count];
        Parallel.For(0, rows.Length, i =>
        {
            var row = table.Rows[i];
            var features = new float[row.Features.Length + words.FeatureNames.Count];
            row.Features.CopyTo(features, 0);
            codebook.Encode(Of(row), features.AsSpan(row.Features.Length));
            rows[i] = row with { Features = features };
        });
        return new FeatureTable([.. table.FeatureNames, .. words.FeatureNames], rows);
    }

    private float[][] Of(FeatureRow row) =>
        _frames.TryGetValue(row.Path, out var frames) ? frames
        : throw new KeyNotFoundException($"{row.Path}: no frames for this clip; extract the frames of the table it came from.");
}
