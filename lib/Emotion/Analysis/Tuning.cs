using Emotion.Bundle;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Features;
using Emotion.Models;

namespace Emotion.Analysis;

/// <summary>Everything the tuning step produces.</summary>
/// <param name="Search">The grid search on the reference protocol's 80% split, best first.</param>
/// <param name="Best">
/// The winner: its cross-validation from the search, its 20% test, and its speaker-independent
/// cross-validation over every clip (the setting the bundle trains in).
/// </param>
/// <param name="Bundle">The winner's pipeline fitted on every clip, with its model card.</param>
public sealed record TuningResult(GridSearchResult Search, ProtocolComparison Best, ModelBundle Bundle);

/// <summary>
/// The reference's tuning step, and this project's model card: grid search by 5-fold CV on the
/// 80% split of the balanced table; the winner tested on the 20% and evaluated speaker-independently
/// over every clip; the final pipeline fitted on every clip and bundled with both numbers.
/// </summary>
public static class Tuning
{
    /// <summary>
    /// Runs the step. <paramref name="balanced"/> serves the search and the reference protocol,
    /// <paramref name="all"/> the speaker-independent evaluation and the final fit; both hold the
    /// columns <paramref name="features"/> computes (and the frames, when the pipeline counts audio words).
    /// </summary>
    public static TuningResult Run(FeatureTable balanced, FeatureTable all, IReadOnlyList<PipelineOptions> grid, int seed, FeatureExtractor features, IProgress<BatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(balanced);
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(features);
        var split = Protocols.ReferenceSplit(balanced, seed);
        var train = balanced.Select(split.Train);
        // The search cross-validates every candidate on these folds: the winner's result is its reference-protocol CV.
        var search = GridSearch.Run(train, grid, Folds.Stratified(train, Protocols.FoldCount, seed), seed, progress);
        var best = new ProtocolComparison(search.Best, search.BestResult,
            CrossValidation.Evaluate(balanced, search.Best, split, balanced.Labels, seed),
            CrossValidation.Run(all, search.Best, Folds.ByActor(all, Protocols.FoldCount), seed));
        var model = new EmotionTrainer(search.Best, seed).Fit(all);
        var card = new ModelCard
        {
            FormatVersion = ModelBundle.CurrentFormatVersion,
            Created = DateTimeOffset.UtcNow,
            Model = search.Best,
            Seed = seed,
            Labels = model.Labels,
            Features = new FeatureSpec(features.Options, features.Fingerprint, model.FeatureNames),
            Training = new TrainingSummary(
                $"{all.Rows.Count} clips, RAVDESS speech and song, {all.Rows.Select(r => r.Actor).Distinct().Count()} actors",
                all.Rows.Count, all.ClassCounts().ToDictionary(c => c.Label, c => c.Count)),
            ReferenceProtocol = MetricSummary.From($"stratified random 80/20 split of {balanced.Rows.Count} balanced clips (the reference's protocol; speakers leak into training)", best.RandomSplitTest),
            SpeakerIndependent = MetricSummary.From($"5-fold cross-validation grouped by actor over {all.Rows.Count} clips (no test speaker heard in training)", best.SpeakerIndependent),
        };
        return new TuningResult(search, best, new ModelBundle(model, features, card));
    }

    /// <summary>A small grid for smoke runs.</summary>
    public static IReadOnlyList<PipelineOptions> QuickGrid() => [new RandomForestOptions { Trees = 50 }, RandomForestOptions.ReferenceTuned with { Trees = 50 }];
}
