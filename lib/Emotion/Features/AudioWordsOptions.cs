using System.Globalization;

namespace Emotion.Features;

/// <summary>
/// How a bag of audio words is learned and counted (openXBOW's recipe): frames of MFCCs and their
/// deltas are standardised, clustered by k-means into <see cref="CodebookSize"/> words, and each
/// clip counts, per word, the frames that have it among their <see cref="Assignments"/> nearest.
/// </summary>
public sealed record AudioWordsOptions
{
    /// <summary>Words in the codebook (k of k-means). Default 256.</summary>
    public int CodebookSize { get; init; } = 256;

    /// <summary>Nearest words each frame counts towards. Default 5.</summary>
    public int Assignments { get; init; } = 5;

    /// <summary>Training frames drawn at random for k-means; more costs time and changes little. Default 60000.</summary>
    public int TrainingFrames { get; init; } = 60_000;

    /// <summary>Lloyd iterations of k-means. Default 12.</summary>
    public int Iterations { get; init; } = 12;

    /// <summary>The settings as text, for feature settings and reports.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"words(k={CodebookSize}, nearest={Assignments}, frames={TrainingFrames}, iterations={Iterations})");

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(CodebookSize, 2, nameof(CodebookSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Assignments, nameof(Assignments));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Assignments, CodebookSize, nameof(Assignments));
        ArgumentOutOfRangeException.ThrowIfLessThan(TrainingFrames, CodebookSize, nameof(TrainingFrames));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Iterations, nameof(Iterations));
    }
}
