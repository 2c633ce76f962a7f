namespace Emotion.Models;

/// <summary>
/// Test-time adaptation to one voice: the classifier reads each clip's row (features and audio-word
/// counts) minus the mean row of the speaker's clips, in training (grouped by actor) and in use (a
/// batch of unlabelled clips of one speaker, given together). What is left is how a clip departs
/// from that voice, microphone and room, which carries across speakers and channels better than the
/// raw values; the price is that the model cannot answer for one clip alone.
/// </summary>
/// <remarks>
/// Only the mean is taken out: scaling by the speaker's spread as well scored below it with fewer
/// than 32 clips per speaker, where the spread is a poor estimate.
/// </remarks>
public sealed record SpeakerCentringOptions
{
    /// <summary>
    /// Fewest clips of one speaker a prediction accepts. Default 16: with fewer, the centred model's
    /// held-out UAR falls below that of the model that takes one clip at a time
    /// (reports/speaker-adaptation.md).
    /// </summary>
    public int MinimumClips { get; init; } = 16;

    /// <summary>Centring on at least 16 clips of a speaker.</summary>
    public static SpeakerCentringOptions Default { get; } = new();

    /// <summary>The step in words, e.g. <c>speaker-centring(min 16 clips)</c>.</summary>
    public string Describe() => $"speaker-centring(min {MinimumClips} clips)";

    /// <summary>Throws when the settings cannot work.</summary>
    internal void Validate()
    {
        if (MinimumClips < 2)
            throw new ArgumentOutOfRangeException(nameof(MinimumClips), MinimumClips, "Centring needs at least 2 clips of a speaker (one clip centres to nothing).");
    }
}
