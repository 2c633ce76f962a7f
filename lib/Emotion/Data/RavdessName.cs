using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Emotion.Data;

/// <summary>How a RAVDESS recording was captured (field 1).</summary>
public enum Modality
{
    /// <summary>01: audio and video.</summary>
    FullAudioVideo = 1,

    /// <summary>02: video only.</summary>
    VideoOnly = 2,

    /// <summary>03: audio only.</summary>
    AudioOnly = 3,
}

/// <summary>Spoken or sung (field 2).</summary>
public enum VocalChannel
{
    /// <summary>01: speech.</summary>
    Speech = 1,

    /// <summary>02: song.</summary>
    Song = 2,
}

/// <summary>Emotional intensity (field 4); neutral has only normal.</summary>
public enum Intensity
{
    /// <summary>01: normal.</summary>
    Normal = 1,

    /// <summary>02: strong.</summary>
    Strong = 2,
}

/// <summary>Speaker gender, from the actor number (odd male, even female).</summary>
public enum Gender
{
    /// <summary>Odd-numbered actors.</summary>
    Male,

    /// <summary>Even-numbered actors.</summary>
    Female,
}

/// <summary>
/// The seven fields of a RAVDESS file name <c>MM-VV-EE-II-SS-RR-AA</c> (e.g. <c>03-01-05-02-01-01-12.wav</c>):
/// modality, vocal channel, emotion, intensity, statement, repetition, actor.
/// </summary>
public sealed record RavdessName(
    Modality Modality, VocalChannel VocalChannel, string Emotion, Intensity Intensity, int Statement, int Repetition, int Actor)
{
    /// <summary>Speaker gender: odd actors are male, even female.</summary>
    public Gender Gender => Actor % 2 == 1 ? Gender.Male : Gender.Female;

    /// <summary>
    /// Parses a file name (any directory and extension are ignored). Every field must be two digits
    /// in its documented range; anything else is not a RAVDESS name, and nothing is guessed.
    /// </summary>
    public static bool TryParse(string fileName, [NotNullWhen(true)] out RavdessName? name)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        name = null;
        var fields = Path.GetFileNameWithoutExtension(fileName).Split('-');
        if (fields.Length != 7)
            return false;
        var codes = new int[7];
        for (int i = 0; i < 7; i++)
        {
            if (fields[i].Length != 2 || !int.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out codes[i]))
                return false;
        }
        if (codes[0] is < 1 or > 3 || codes[1] is < 1 or > 2 || codes[2] is < 1 or > 8 || codes[3] is < 1 or > 2
            || codes[4] is < 1 or > 2 || codes[5] is < 1 or > 2 || codes[6] is < 1 or > 24)
            return false;
        name = new RavdessName((Modality)codes[0], (VocalChannel)codes[1], Emotions.Ravdess[codes[2] - 1],
            (Intensity)codes[3], codes[4], codes[5], codes[6]);
        return true;
    }
}
