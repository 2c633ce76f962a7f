using System.Globalization;
using System.Text;

namespace Emotion.Data;

/// <summary>
/// The feature table on disk: one row per clip with <see cref="MetadataColumns"/> then the feature
/// columns. Metadata a clip does not have is left empty. Numbers use the invariant culture and
/// round-trip exactly.
/// </summary>
public static class FeatureCsv
{
    /// <summary>Columns before the features: the clip's path under the corpus root, then its RAVDESS fields and label.</summary>
    public static IReadOnlyList<string> MetadataColumns { get; } =
        ["path", "modality", "vocal_channel", "emotion", "intensity", "statement", "repetition", "actor", "gender"];

    /// <summary>Writes rows (clip and features) to <paramref name="path"/> through a temporary file, so a failed run never leaves half a table.</summary>
    public static void Write(string path, IReadOnlyList<string> featureNames, IEnumerable<(ClipInfo Clip, float[] Features)> rows) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            Write(writer, featureNames, rows);
        });

    /// <summary>Writes the header and one row per (clip, features) pair.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> featureNames, IEnumerable<(ClipInfo Clip, float[] Features)> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(rows);
        writer.WriteLine(string.Join(',', MetadataColumns.Concat(featureNames)));
        var line = new StringBuilder();
        foreach (var (clip, features) in rows)
        {
            if (features.Length != featureNames.Count)
                throw new ArgumentException($"{clip.Path}: {features.Length} features for {featureNames.Count} columns.", nameof(rows));
            line.Clear();
            foreach (string column in MetadataColumns)
                line.Append(Quote(clip.Field(column))).Append(',');
            for (int i = 0; i < features.Length; i++)
                line.Append(features[i].ToString("R", CultureInfo.InvariantCulture)).Append(i + 1 < features.Length ? "," : "");
            writer.WriteLine(line);
        }
    }

    /// <summary>RFC 4180 quoting, only where a field needs it.</summary>
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
