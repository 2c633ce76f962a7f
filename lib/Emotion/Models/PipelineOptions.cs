using Emotion.Features;

namespace Emotion.Models;

/// <summary>
/// Everything a model learns from its training rows, in order, as data: an optional audio-word
/// codebook over the rows' frames (whose counts join the features), optional centring of each
/// speaker's rows, then the classifier (which standardises its inputs itself where it needs to),
/// then an optional calibration. <see cref="EmotionTrainer"/> fits all of it
/// from the training rows alone into one <see cref="EmotionModel"/>, so no evaluation that fits
/// per fold can leak; a bundle stores these options beside what was learned.
/// </summary>
/// <remarks>
/// scikit-learn users: this is the <c>Pipeline</c>'s list of steps; fitting returns a new model
/// (ML.NET's <c>Fit</c> returning a transformer) rather than changing these options.
/// </remarks>
public sealed record PipelineOptions
{
    /// <summary>Audio words learned from the training rows' frames and counted per clip; null for none. Default null.</summary>
    public AudioWordsOptions? Words { get; init; }

    /// <summary>The classifier and its settings.</summary>
    public required ModelOptions Model { get; init; }

    /// <summary>
    /// Each speaker's rows centred on their mean before the classifier, in training and in use (the
    /// model then needs a batch of clips of one speaker); null for one clip at a time. Default null.
    /// </summary>
    public SpeakerCentringOptions? Centring { get; init; }

    /// <summary>A temperature fitted on held-out training clips, so the confidence means what it says; null for the classifier's own scores. Default null.</summary>
    public CalibrationOptions? Calibration { get; init; }

    /// <summary>A pipeline of the classifier alone.</summary>
    public static implicit operator PipelineOptions(ModelOptions model) => new() { Model = model };

    /// <summary>The steps with their settings, e.g. <c>words(k=256, ...) → rbf-kernel-ridge(...) → temperature(3 inner folds)</c>.</summary>
    public string Describe() => string.Join(" → ", new[] { Words?.Describe(), Centring?.Describe(), Model.Describe(), Calibration?.Describe() }.OfType<string>());
}
