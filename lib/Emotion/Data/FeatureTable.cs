using System.Globalization;
using Emotion.Features;
using Microsoft.Data.Analysis;

namespace Emotion.Data;

/// <summary>One labelled clip of a <see cref="FeatureTable"/>.</summary>
/// <param name="Clip">What is known about the clip; its emotion is set.</param>
/// <param name="Features">The clip-level feature vector.</param>
public sealed record FeatureRow(ClipInfo Clip, float[] Features)
{
    /// <summary>
    /// The clip's frames, each a vector of one length, for features a model learns from frames
    /// (audio words); null when the table was read without them.
    /// </summary>
    public FrameMatrix? Frames { get; init; }

    /// <summary>
    /// The simulated channel the clip's audio went through (<c>Audio.Channels</c>), in words; null
    /// when the row is the clip as recorded. Degraded copies of training clips extend the training
    /// data; kernel ridge keeps the clips as recorded as its support.
    /// </summary>
    public string? Channel { get; init; }

    /// <summary>Path of the clip under its corpus root.</summary>
    public string Path => Clip.Path;

    /// <summary>The emotion label.</summary>
    public string Emotion => Clip.Emotion!;

    /// <summary>The speaker, or null when unknown; what speaker-independent splits group by.</summary>
    public string? Actor => Clip.Actor;
}

/// <summary>
/// Labelled feature vectors ready for training: every row has a label and finite features.
/// Immutable; selections return new tables.
/// </summary>
public sealed class FeatureTable
{
    /// <summary>Creates a table; every row must have <paramref name="featureNames"/>.Count features and a label.</summary>
    public FeatureTable(IReadOnlyList<string> featureNames, IReadOnlyList<FeatureRow> rows)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            if (row.Features.Length != featureNames.Count)
                throw new ArgumentException($"{row.Path}: {row.Features.Length} features, expected {featureNames.Count}.", nameof(rows));
            if (string.IsNullOrEmpty(row.Clip.Emotion))
                throw new ArgumentException($"{row.Path}: no emotion label.", nameof(rows));
        }
        FeatureNames = featureNames;
        Rows = rows;
    }

    /// <summary>Names of the feature columns.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The rows.</summary>
    public IReadOnlyList<FeatureRow> Rows { get; }

    /// <summary>Whether every row carries its frames (<see cref="FeatureRow.Frames"/>).</summary>
    public bool HasFrames => Rows.Count > 0 && Rows.All(r => r.Frames is not null);

    /// <summary>The distinct labels, in RAVDESS order where they are RAVDESS emotions, others after in ordinal order.</summary>
    public IReadOnlyList<string> Labels =>
        [.. Rows.Select(r => r.Emotion).Distinct().OrderBy(Emotions.SortKey).ThenBy(l => l, StringComparer.Ordinal)];

    /// <summary>Rows per label, in <see cref="Labels"/> order.</summary>
    public IReadOnlyList<(string Label, int Count)> ClassCounts() =>
        [.. Labels.Select(l => (l, Rows.Count(r => r.Emotion == l)))];

    /// <summary>Reads, cleans (<see cref="FeatureFrame.Clean"/>) and loads a feature CSV.</summary>
    public static FeatureTable ReadCsv(string path) => FromDataFrame(FeatureFrame.Clean(FeatureFrame.ReadCsv(path)).Data);

    /// <summary>Loads a cleaned frame: metadata columns as text, the rest as feature numbers with no missing values.</summary>
    public static FeatureTable FromDataFrame(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var names = frame.Columns.Select(c => c.Name).ToList();
        var metadataIndex = FeatureCsv.MetadataColumns.ToDictionary(c => c, names.IndexOf);
        var featureIndex = names.Select((n, i) => (n, i)).Where(p => !FeatureCsv.MetadataColumns.Contains(p.n)).Select(p => p.i).ToArray();
        var rows = new List<FeatureRow>((int)frame.Rows.Count);
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            var clip = ClipInfo.FromFields(column => metadataIndex[column] < 0 ? "" : frame.Columns[metadataIndex[column]][r]?.ToString() ?? "");
            var features = new float[featureIndex.Length];
            for (int f = 0; f < featureIndex.Length; f++)
            {
                features[f] = frame.Columns[featureIndex[f]][r] switch
                {
                    float v => v,
                    null => throw new InvalidDataException($"Row {r} ({clip.Path}): '{names[featureIndex[f]]}' is missing; clean the frame first."),
                    var other => Convert.ToSingle(other, CultureInfo.InvariantCulture),
                };
            }
            rows.Add(new FeatureRow(clip, features));
        }
        return new FeatureTable([.. featureIndex.Select(i => names[i])], rows);
    }

    /// <summary>The table as a DataFrame, for display and plotting.</summary>
    public DataFrame ToDataFrame()
    {
        var frame = new DataFrame();
        foreach (string column in FeatureCsv.MetadataColumns)
            frame.Columns.Add(new StringDataFrameColumn(column, Rows.Select(r => r.Clip.Field(column))));
        for (int f = 0; f < FeatureNames.Count; f++)
            frame.Columns.Add(new SingleDataFrameColumn(FeatureNames[f], Rows.Select(r => r.Features[f])));
        return frame;
    }

    /// <summary>Writes the table in the extract script's CSV format (frames are not written).</summary>
    public void WriteCsv(string path) => FeatureCsv.Write(path, FeatureNames, Rows.Select(r => (r.Clip, r.Features)));

    /// <summary>The rows at <paramref name="indices"/>, in that order.</summary>
    public FeatureTable Select(IEnumerable<int> indices) => new(FeatureNames, [.. indices.Select(i => Rows[i])]);

    /// <summary>The same rows with only the feature columns whose names match <paramref name="keep"/> (frames kept).</summary>
    public FeatureTable SelectFeatures(Func<string, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var indices = Enumerable.Range(0, FeatureNames.Count).Where(i => keep(FeatureNames[i])).ToArray();
        FeatureRow[] rows = [.. Rows.Select(r => r with { Features = [.. indices.Select(i => r.Features[i])] })];
        return new FeatureTable([.. indices.Select(i => FeatureNames[i])], rows);
    }

    /// <summary>The same rows and features without frames, as a CSV holds them.</summary>
    public FeatureTable WithoutFrames() => HasFrames ? new(FeatureNames, [.. Rows.Select(r => r with { Frames = null })]) : this;

    /// <summary>Throws, naming the first clip without an actor, unless every row has one; <paramref name="purpose"/> says what needs them.</summary>
    /// <exception cref="InsufficientDataException">A row has no actor.</exception>
    public void RequireActors(string purpose)
    {
        if (Rows.FirstOrDefault(r => string.IsNullOrEmpty(r.Actor)) is { } missing)
            throw new InsufficientDataException($"{missing.Path} has no actor: {purpose} need the speaker of every row.");
    }

    /// <summary>The rows matching <paramref name="predicate"/>.</summary>
    public FeatureTable Where(Func<FeatureRow, bool> predicate) => new(FeatureNames, [.. Rows.Where(predicate)]);

    /// <summary>
    /// The reference's balancing: every class downsampled at random to the size of the smallest,
    /// then all rows shuffled. Degraded copies (<see cref="FeatureRow.Channel"/>) stay when their
    /// clip does, after the clips, and count for nothing in the class sizes.
    /// </summary>
    public FeatureTable Balance(int seed)
    {
        var random = new Random(seed);
        var recorded = Enumerable.Range(0, Rows.Count).Where(i => Rows[i].Channel is null).ToList();
        int smallest = Labels.Min(label => recorded.Count(i => Rows[i].Emotion == label));
        var kept = Labels
            .SelectMany(label => Shuffled(recorded.Where(i => Rows[i].Emotion == label), random).Take(smallest))
            .ToList();
        var keptPaths = kept.Select(i => Rows[i].Path).ToHashSet();
        return Select([.. Shuffled(kept, random), .. Enumerable.Range(0, Rows.Count).Where(i => Rows[i].Channel is not null && keptPaths.Contains(Rows[i].Path))]);
    }

    private static List<int> Shuffled(IEnumerable<int> items, Random random)
    {
        var list = items.ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }
}
