using Emotion.Evaluation;
using Emotion.Features;
using Emotion.Models;

namespace Emotion.Bundle;

/// <summary>One evaluation's headline numbers, as a model card shows them.</summary>
/// <param name="Protocol">How it was measured, e.g. <c>5-fold cross-validation grouped by actor</c>.</param>
/// <param name="Accuracy">Accuracy (mean over folds for cross-validation).</param>
/// <param name="UnweightedAverageRecall">UAR (mean over folds for cross-validation).</param>
/// <param name="AccuracySpread">Standard deviation of accuracy over folds; null for a single split.</param>
/// <param name="UarSpread">Standard deviation of UAR over folds; null for a single split.</param>
/// <param name="Examples">Examples evaluated.</param>
public sealed record MetricSummary(string Protocol, double Accuracy, double UnweightedAverageRecall, double? AccuracySpread, double? UarSpread, int Examples)
{
    /// <summary>The summary of a single held-out evaluation.</summary>
    public static MetricSummary From(string protocol, EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(protocol, report.Accuracy, report.UnweightedAverageRecall, null, null, report.Count);
    }

    /// <summary>The summary of a cross-validation.</summary>
    public static MetricSummary From(string protocol, CrossValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(protocol, result.MeanAccuracy, result.MeanUar, result.AccuracySpread, result.UarSpread, result.Pooled.Count);
    }
}

/// <summary>The features a bundle's model reads.</summary>
/// <param name="Options">Every setting of the feature computation, as data: the bundle builds its extractor from them.</param>
/// <param name="Fingerprint">The extractor's <see cref="Features.FeatureExtractor.Fingerprint"/> when trained (it includes the algorithm version).</param>
/// <param name="Names">Feature names in order.</param>
public sealed record FeatureSpec(FeatureOptions Options, string Fingerprint, IReadOnlyList<string> Names);

/// <summary>What a bundle's model was trained on.</summary>
/// <param name="Description">In words, e.g. the corpus and the subset.</param>
/// <param name="Examples">Training rows.</param>
/// <param name="ClassCounts">Rows per label.</param>
public sealed record TrainingSummary(string Description, int Examples, IReadOnlyDictionary<string, int> ClassCounts);

/// <summary>A condition's row of the robustness table: UAR on held-out speakers under it.</summary>
/// <param name="Condition">The condition in words; <c>clean</c> for the clips as recorded.</param>
/// <param name="Uar">Mean UAR over the actor folds.</param>
/// <param name="WorstFoldUar">UAR of the worst fold.</param>
public sealed record ConditionSummary(string Condition, double Uar, double WorstFoldUar);

/// <summary>How the model holds up beyond the studio (<c>reports/robustness.md</c>), as its card shows it.</summary>
/// <param name="Protocol">How it was measured.</param>
/// <param name="Conditions">UAR on held-out speakers, clean and under each simulated condition.</param>
/// <param name="ExpectedCalibrationError">Expected calibration error of the stated confidence on held-out speakers' clean clips.</param>
/// <param name="SpeechUar">UAR on held-out speech clips.</param>
/// <param name="SongUar">UAR on held-out song clips; null when there were none.</param>
/// <param name="OtherCorpus">The corpus never trained on, or null when none was at hand.</param>
/// <param name="OtherCorpusUar">UAR there over the shared classes, predictions restricted to them.</param>
/// <param name="OtherCorpusLenientUar">UAR there taking the model's own answer, calm for a neutral clip counted right.</param>
public sealed record RobustnessSummary(
    string Protocol, IReadOnlyList<ConditionSummary> Conditions, double ExpectedCalibrationError, double SpeechUar, double? SongUar,
    string? OtherCorpus, double? OtherCorpusUar, double? OtherCorpusLenientUar);

/// <summary>
/// Everything about a bundled model besides its weights: what it is, what it reads, what it was
/// trained on and how well it does under both evaluations.
/// </summary>
public sealed record ModelCard
{
    /// <summary>Bundle format; a library refuses bundles newer than it knows.</summary>
    public required int FormatVersion { get; init; }

    /// <summary>When the model was trained (UTC).</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>The pipeline's steps and their settings (audio words, the classifier).</summary>
    public required PipelineOptions Model { get; init; }

    /// <summary>Seed used in training.</summary>
    public required int Seed { get; init; }

    /// <summary>Class labels in the model's output order.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>The features it expects.</summary>
    public required FeatureSpec Features { get; init; }

    /// <summary>What it was trained on.</summary>
    public required TrainingSummary Training { get; init; }

    /// <summary>The reference's protocol: stratified random 80/20 split (comparable with its published numbers, flattered by speaker leakage).</summary>
    public required MetricSummary ReferenceProtocol { get; init; }

    /// <summary>Speaker-independent cross-validation: the number to expect on voices the model has not heard.</summary>
    public required MetricSummary SpeakerIndependent { get; init; }

    /// <summary>Held-out speakers under simulated channels, the confidence's calibration and another corpus; null when not measured.</summary>
    public RobustnessSummary? Robustness { get; init; }
}
