using System.Globalization;
using Emotion.Features;
using Microsoft.Data.Analysis;

namespace Emotion.Data;

/// <summary>One labelled clip of a <see cref="FeatureTable"/>.</summary>
/// <param name="Metadata">Values of <see cref="FeatureCsv.MetadataColumns"/>, empty where unknown.</param>
/// <param name="Features">The feature vector.</param>
public sealed record FeatureRow(IReadOnlyList<string> Metadata, float[] Features)
{
    /// <summary>Path of the clip under its corpus root.</summary>
    public string Path => Metadata[0];

    /// <summary>The emotion label.</summary>
    public string Emotion => Metadata[3];

    /// <summary><c>speech</c>, <c>song</c>, or empty.</summary>
    public string VocalChannel => Metadata[2];

    /// <summary>RAVDESS's sentence, <c>1</c> or <c>2</c>, or empty.</summary>
    public string Statement => Metadata[5];

    /// <summary>The speaker, or empty when unknown; what speaker-independent splits group by.</summary>
    public string Actor => Metadata[7];

    /// <summary><c>male</c>, <c>female</c>, or empty.</summary>
    public string Gender => Metadata[8];
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
            if (string.IsNullOrEmpty(row.Emotion))
                throw new ArgumentException($"{row.Path}: no emotion label.", nameof(rows));
        }
        FeatureNames = featureNames;
        Rows = rows;
    }

    /// <summary>Names of the feature columns.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The rows.</summary>
    public IReadOnlyList<FeatureRow> Rows { get; }

    /// <summary>
    /// Frames for audio words learned per training set, or null. Selections keep them; a learner
    /// sees them only through <see cref="WithLearnedFeatures"/>.
    /// </summary>
    public WordFrames? Words { get; init; }

    /// <summary>The same rows, with <paramref name="words"/> to learn audio words from inside each training set.</summary>
    public FeatureTable WithWords(WordFrames words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return new(FeatureNames, Rows) { Words = words };
    }

    /// <summary>How many features a learner reads: the columns, and the audio words learned per training set.</summary>
    public int LearnerFeatureCount => FeatureNames.Count + (Words?.Options.CodebookSize ?? 0);

    /// <summary>
    /// The table with the features learned from data appended (the histogram of a codebook learned
    /// from the rows at <paramref name="training"/> alone, when <see cref="Words"/> is set), so that
    /// held-out rows never shape them; the table itself when there is nothing to learn.
    /// </summary>
    public FeatureTable WithLearnedFeatures(IEnumerable<int> training, int seed)
    {
        ArgumentNullException.ThrowIfNull(training);
        return Words is null ? this : Words.Append(this, Words.Learn(training.Select(i => Rows[i]), seed));
    }

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
        var metadataIndex = FeatureCsv.MetadataColumns.Select(c => names.IndexOf(c)).ToArray();
        var featureIndex = names.Select((n, i) => (n, i)).Where(p => !FeatureCsv.MetadataColumns.Contains(p.n)).Select(p => p.i).ToArray();
        var rows = new List<FeatureRow>((int)frame.Rows.Count);
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            var metadata = metadataIndex.Select(i => i < 0 ? "" : frame.Columns[i][r]?.ToString() ?? "").ToArray();
            var features = new float[featureIndex.Length];
            for (int f = 0; f < featureIndex.Length; f++)
            {
                features[f] = frame.Columns[featureIndex[f]][r] switch
                {
                    float v => v,
                    null => throw new InvalidDataException($"Row {r} ({metadata[0]}): '{names[featureIndex[f]]}' is missing; clean the frame first."),
                    var other => Convert.ToSingle(other, CultureInfo.InvariantCulture),
                };
            }
            rows.Add(new FeatureRow(metadata, features));
        }
        return new FeatureTable([.. featureIndex.Select(i => names[i])], rows);
    }

    /// <summary>The table as a DataFrame, for display and plotting.</summary>
    public DataFrame ToDataFrame()
    {
        var frame = new DataFrame();
        for (int m = 0; m < FeatureCsv.MetadataColumns.Count; m++)
            frame.Columns.Add(new StringDataFrameColumn(FeatureCsv.MetadataColumns[m], Rows.Select(r => r.Metadata[m])));
        for (int f = 0; f < FeatureNames.Count; f++)
            frame.Columns.Add(new SingleDataFrameColumn(FeatureNames[f], Rows.Select(r => r.Features[f])));
        return frame;
    }

    /// <summary>Writes the table in the extract script's CSV format.</summary>
    public void WriteCsv(string path) => FeatureCsv.Write(path, FeatureNames, Rows.Select(r => (r.Metadata, r.Features)));

    /// <summary>The rows at <paramref name="indices"/>, in that order.</summary>
    public FeatureTable Select(IEnumerable<int> indices) => new(FeatureNames, [.. indices.Select(i => Rows[i])]) { Words = Words };

    /// <summary>The same rows with only the feature columns whose names match <paramref name="keep"/>.</summary>
    public FeatureTable SelectFeatures(Func<string, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var indices = Enumerable.Range(0, FeatureNames.Count).Where(i => keep(FeatureNames[i])).ToArray();
        FeatureRow[] rows = [.. Rows.Select(r => r with { Features = [.. indices.Select(i => r.Features[i])] })];
        return new FeatureTable([.. indices.Select(i => FeatureNames[i])], rows) { Words = Words };
    }

    /// <summary>Throws, naming the first clip without an actor, unless every row has one; <paramref name="purpose"/> says what needs them.</summary>
    /// <exception cref="InsufficientDataException">A row has no actor.</exception>
    public void RequireActors(string purpose)
    {
        if (Rows.FirstOrDefault(r => string.IsNullOrEmpty(r.Actor)) is { } missing)
            throw new InsufficientDataException($"{missing.Path} has no actor: {purpose} need the speaker of every row.");
    }

    /// <summary>The rows matching <paramref name="predicate"/>.</summary>
    public FeatureTable Where(Func<FeatureRow, bool> predicate) => new(FeatureNames, [.. Rows.Where(predicate)]) { Words = Words };

    /// <summary>
    /// The reference's balancing: every class downsampled at random to the size of the smallest,
    /// then all rows shuffled.
    /// </summary>
    public FeatureTable Balance(int seed)
    {
        var random = new Random(seed);
        int smallest = ClassCounts().Min(c => c.Count);
        var kept = Labels
            .SelectMany(label => Shuffled(Enumerable.Range(0, Rows.Count).Where(i => Rows[i].Emotion == label), random).Take(smallest))
            .ToList();
        return Select(Shuffled(kept, random));
    }

    private static List<int> Shuffled(IEnumerable<int> items, Random random)
    {
        var list = items.ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }
}
