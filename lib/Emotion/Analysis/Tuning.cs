using Emotion.Bundle;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Features;
using Emotion.Models;

namespace Emotion.Analysis;

/// <summary>Everything the tuning step produces.</summary>
/// <param name="Search">The grid search, best first.</param>
/// <param name="Best">The winner under both protocols, on the balanced table.</param>
/// <param name="SpeakerIndependentAll">The winner's speaker-independent cross-validation over every clip, as the bundled model trains.</param>
/// <param name="Bundle">The winner trained on every clip, with its model card.</param>
public sealed record TuningResult(GridSearchResult Search, ProtocolComparison Best, CrossValidationResult SpeakerIndependentAll, ModelBundle Bundle);

/// <summary>
/// The reference's tuning step, and this project's model card: grid search by 5-fold CV on the
/// 80% split of the balanced table; the winner evaluated under both protocols; the final model
/// trained on every clean clip and bundled with both numbers.
/// </summary>
public static class Tuning
{
    /// <summary>Runs the step on the 80 MFCC statistics (<see cref="FeatureExtractor.Default"/>).</summary>
    public static TuningResult Run(FeatureTable balanced, FeatureTable all, IReadOnlyList<ModelOptions> grid, int seed, IProgress<BatchProgress>? progress = null) =>
        Run(balanced, all, grid, seed, FeatureExtractor.Default, progress);

    /// <summary>
    /// Runs the step. <paramref name="balanced"/> serves the search and the reference protocol,
    /// <paramref name="all"/> the final model; both hold the columns <paramref name="features"/> computes,
    /// and the bundle adds the audio words of <paramref name="all"/>'s <see cref="FeatureTable.Words"/>, if any.
    /// </summary>
    public static TuningResult Run(FeatureTable balanced, FeatureTable all, IReadOnlyList<ModelOptions> grid, int seed, FeatureExtractor features, IProgress<BatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(balanced);
        ArgumentNullException.ThrowIfNull(all);
        var train = balanced.Select(Protocols.ReferenceSplit(balanced, seed).Train);
        var search = GridSearch.Run(train, grid, Folds.Stratified(train, Protocols.FoldCount, seed), seed, progress);
        var best = Protocols.Compare(balanced, search.Best, seed);
        var speakerIndependent = CrossValidation.Run(all, search.Best, Folds.ByActor(all, Protocols.FoldCount), seed);
        // Audio words, if any, are learned from every clip for the bundle, as they were from each training fold above.
        var training = all;
        if (all.Words is { } words)
        {
            var codebook = words.Learn(all.Rows, seed);
            training = words.Append(all, codebook);
            features = features.With(new AudioWords(codebook));
        }
        var model = new EmotionTrainer(search.Best, seed).Fit(training);
        var card = new ModelCard
        {
            FormatVersion = ModelBundle.CurrentFormatVersion,
            Created = DateTimeOffset.UtcNow,
            Model = search.Best,
            Seed = seed,
            Labels = model.Labels,
            Features = new FeatureSpec(features.Settings, features.Fingerprint, model.FeatureNames),
            Training = new TrainingSummary(
                $"{all.Rows.Count} clips, RAVDESS speech and song, {all.Rows.Select(r => r.Actor).Distinct().Count()} actors",
                all.Rows.Count, all.ClassCounts().ToDictionary(c => c.Label, c => c.Count)),
            ReferenceProtocol = MetricSummary.From($"stratified random 80/20 split of {balanced.Rows.Count} balanced clips (the reference's protocol; speakers leak into training)", best.RandomSplitTest),
            SpeakerIndependent = MetricSummary.From($"5-fold cross-validation grouped by actor over {all.Rows.Count} clips (no test speaker heard in training)", speakerIndependent),
        };
        return new TuningResult(search, best, speakerIndependent, new ModelBundle(model, features, card));
    }

    /// <summary>A small grid for smoke runs.</summary>
    public static IReadOnlyList<ModelOptions> QuickGrid() => [new RandomForestOptions { Trees = 50 }, RandomForestOptions.ReferenceTuned with { Trees = 50 }];
}
