using System.Globalization;
using System.Text;
using Emotion.Features;

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

    /// <summary>Writes extracted clips to <paramref name="path"/> through a temporary file, so a failed run never leaves half a table.</summary>
    public static void Write(string path, IReadOnlyList<string> featureNames, IEnumerable<ExtractedClip> clips) =>
        Write(path, featureNames, clips.Select(c => (Metadata(c.Clip), c.Features)));

    /// <summary>Writes the header and one row per clip.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> featureNames, IEnumerable<ExtractedClip> clips) =>
        Write(writer, featureNames, clips.Select(c => (Metadata(c.Clip), c.Features)));

    /// <summary>Writes rows given as <see cref="MetadataColumns"/> values and features, through a temporary file.</summary>
    public static void Write(string path, IReadOnlyList<string> featureNames, IEnumerable<(IReadOnlyList<string> Metadata, float[] Features)> rows)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + ".tmp";
        using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
            Write(writer, featureNames, rows);
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Writes the header and one row per (metadata, features) pair.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> featureNames, IEnumerable<(IReadOnlyList<string> Metadata, float[] Features)> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(rows);
        writer.WriteLine(string.Join(',', MetadataColumns.Concat(featureNames)));
        var line = new StringBuilder();
        foreach (var (metadata, features) in rows)
        {
            if (features.Length != featureNames.Count)
                throw new ArgumentException($"{metadata[0]}: {features.Length} features for {featureNames.Count} columns.", nameof(rows));
            line.Clear();
            foreach (string field in metadata)
                line.Append(Quote(field)).Append(',');
            for (int i = 0; i < features.Length; i++)
                line.Append(features[i].ToString("R", CultureInfo.InvariantCulture)).Append(i + 1 < features.Length ? "," : "");
            writer.WriteLine(line);
        }
    }

    /// <summary>The <see cref="MetadataColumns"/> values of a clip; empty where it has none.</summary>
    public static IReadOnlyList<string> Metadata(CorpusClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var r = clip.Ravdess;
        return
        [
            clip.RelativePath,
            r?.Modality switch
            {
                Modality.AudioOnly => "audio-only",
                Modality.VideoOnly => "video-only",
                Modality.FullAudioVideo => "audio-video",
                _ => "",
            },
            r is null ? "" : r.VocalChannel == VocalChannel.Speech ? "speech" : "song",
            clip.Emotion ?? "",
            r is null ? "" : r.Intensity == Intensity.Normal ? "normal" : "strong",
            r?.Statement.ToString(CultureInfo.InvariantCulture) ?? "",
            r?.Repetition.ToString(CultureInfo.InvariantCulture) ?? "",
            r?.Actor.ToString(CultureInfo.InvariantCulture) ?? "",
            r is null ? "" : r.Gender == Gender.Male ? "male" : "female",
        ];
    }

    /// <summary>RFC 4180 quoting, only where a field needs it.</summary>
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
