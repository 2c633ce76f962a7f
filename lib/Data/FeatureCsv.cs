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

    /// <summary>Writes the table to <paramref name="path"/> through a temporary file, so a failed run never leaves half a table.</summary>
    public static void Write(string path, IReadOnlyList<string> featureNames, IEnumerable<ExtractedClip> clips)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + ".tmp";
        using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
            Write(writer, featureNames, clips);
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Writes the header and one row per clip.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> featureNames, IEnumerable<ExtractedClip> clips)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(clips);
        writer.WriteLine(string.Join(',', MetadataColumns.Concat(featureNames)));
        var line = new StringBuilder();
        foreach (var (clip, features) in clips)
        {
            if (features.Length != featureNames.Count)
                throw new ArgumentException($"{clip.RelativePath}: {features.Length} features for {featureNames.Count} columns.", nameof(clips));
            line.Clear();
            foreach (string field in Metadata(clip))
                line.Append(Quote(field)).Append(',');
            for (int i = 0; i < features.Length; i++)
                line.Append(features[i].ToString("R", CultureInfo.InvariantCulture)).Append(i + 1 < features.Length ? "," : "");
            writer.WriteLine(line);
        }
    }

    private static IEnumerable<string> Metadata(Data.CorpusClip clip)
    {
        var r = clip.Ravdess;
        yield return clip.RelativePath;
        yield return r?.Modality switch
        {
            Modality.AudioOnly => "audio-only",
            Modality.VideoOnly => "video-only",
            Modality.FullAudioVideo => "audio-video",
            _ => "",
        };
        yield return r is null ? "" : r.VocalChannel == VocalChannel.Speech ? "speech" : "song";
        yield return clip.Emotion ?? "";
        yield return r is null ? "" : r.Intensity == Intensity.Normal ? "normal" : "strong";
        yield return r?.Statement.ToString(CultureInfo.InvariantCulture) ?? "";
        yield return r?.Repetition.ToString(CultureInfo.InvariantCulture) ?? "";
        yield return r?.Actor.ToString(CultureInfo.InvariantCulture) ?? "";
        yield return r is null ? "" : r.Gender == Gender.Male ? "male" : "female";
    }

    /// <summary>RFC 4180 quoting, only where a field needs it.</summary>
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
