using System.Globalization;

namespace Emotion.Data;

/// <summary>
/// What is known about one clip besides its sound: where it is, its label, and, for RAVDESS, the
/// fields of its file name. Anything unknown is null.
/// </summary>
/// <param name="Path">Path of the clip under its corpus root, with '/' separators.</param>
/// <param name="Emotion">The label, or null when the corpus gives none.</param>
public sealed record ClipInfo(string Path, string? Emotion)
{
    /// <summary>How the recording was captured (RAVDESS field 1).</summary>
    public Modality? Modality { get; init; }

    /// <summary>Spoken or sung.</summary>
    public VocalChannel? VocalChannel { get; init; }

    /// <summary>Emotional intensity.</summary>
    public Intensity? Intensity { get; init; }

    /// <summary>RAVDESS's sentence, 1 or 2.</summary>
    public int? Statement { get; init; }

    /// <summary>RAVDESS's repetition, 1 or 2.</summary>
    public int? Repetition { get; init; }

    /// <summary>The speaker, e.g. <c>12</c> in RAVDESS; what speaker-independent splits group by.</summary>
    public string? Actor { get; init; }

    /// <summary>Speaker gender.</summary>
    public Gender? Gender { get; init; }

    /// <summary>The clip of a RAVDESS file at <paramref name="path"/> (relative), its fields read from <paramref name="name"/>.</summary>
    public static ClipInfo FromRavdess(string path, RavdessName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new ClipInfo(path, name.Emotion)
        {
            Modality = name.Modality,
            VocalChannel = name.VocalChannel,
            Intensity = name.Intensity,
            Statement = name.Statement,
            Repetition = name.Repetition,
            Actor = name.Actor.ToString(CultureInfo.InvariantCulture),
            Gender = name.Gender,
        };
    }

    /// <summary>The value of <paramref name="field"/> as text (a <see cref="FeatureCsv.MetadataColumns"/> name), empty when unknown.</summary>
    /// <exception cref="ArgumentException"><paramref name="field"/> is not a metadata column.</exception>
    public string Field(string field) => field switch
    {
        "path" => Path,
        "modality" => Modality switch
        {
            Data.Modality.AudioOnly => "audio-only",
            Data.Modality.VideoOnly => "video-only",
            Data.Modality.FullAudioVideo => "audio-video",
            _ => "",
        },
        "vocal_channel" => VocalChannel switch { Data.VocalChannel.Speech => "speech", Data.VocalChannel.Song => "song", _ => "" },
        "emotion" => Emotion ?? "",
        "intensity" => Intensity switch { Data.Intensity.Normal => "normal", Data.Intensity.Strong => "strong", _ => "" },
        "statement" => Statement?.ToString(CultureInfo.InvariantCulture) ?? "",
        "repetition" => Repetition?.ToString(CultureInfo.InvariantCulture) ?? "",
        "actor" => Actor ?? "",
        "gender" => Gender switch { Data.Gender.Male => "male", Data.Gender.Female => "female", _ => "" },
        _ => throw new ArgumentException($"'{field}' is not a metadata column ({string.Join(", ", FeatureCsv.MetadataColumns)}).", nameof(field)),
    };

    /// <summary>Reads a clip back from its metadata column values (as <see cref="Field"/> writes them); empty means unknown.</summary>
    /// <exception cref="InvalidDataException">A value is not one the column takes.</exception>
    public static ClipInfo FromFields(Func<string, string> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ClipInfo(value("path"), Blank(value("emotion")))
        {
            Modality = Parse(value, "modality", v => v switch
            {
                "audio-only" => Data.Modality.AudioOnly,
                "video-only" => Data.Modality.VideoOnly,
                "audio-video" => Data.Modality.FullAudioVideo,
                _ => (Modality?)null,
            }),
            VocalChannel = Parse(value, "vocal_channel", v => v switch { "speech" => Data.VocalChannel.Speech, "song" => Data.VocalChannel.Song, _ => (VocalChannel?)null }),
            Intensity = Parse(value, "intensity", v => v switch { "normal" => Data.Intensity.Normal, "strong" => Data.Intensity.Strong, _ => (Intensity?)null }),
            Statement = Parse(value, "statement", Number),
            Repetition = Parse(value, "repetition", Number),
            Actor = Blank(value("actor")),
            Gender = Parse(value, "gender", v => v switch { "male" => Data.Gender.Male, "female" => Data.Gender.Female, _ => (Gender?)null }),
        };
    }

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static int? Number(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;

    private static T? Parse<T>(Func<string, string> value, string column, Func<string, T?> parse)
        where T : struct
    {
        string text = value(column);
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return parse(text) ?? throw new InvalidDataException($"'{text}' is not a value of column '{column}'.");
    }
}
