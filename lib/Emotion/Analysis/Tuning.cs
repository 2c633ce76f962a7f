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
public sealed record TuningResult(GridSearchResult Search, ProtocolComparison Best, ModelBundle Bundle)
{
    /// <summary>The winner beyond the studio (held-out speakers under each condition, another corpus); null when not measured.</summary>
    public RobustnessRow? Robustness { get; init; }
}

/// <summary>What <see cref="Tuning.Run"/> searches, evaluates and bundles.</summary>
public sealed record TuningRequest
{
    /// <summary>The balanced table the search and the reference protocol use (degraded copies beside their clips, if any).</summary>
    public required FeatureTable Balanced { get; init; }

    /// <summary>Every clip (and its copies): the speaker-independent evaluation and the final fit.</summary>
    public required FeatureTable All { get; init; }

    /// <summary>The pipelines to search among.</summary>
    public required IReadOnlyList<PipelineOptions> Grid { get; init; }

    /// <summary>The features the tables hold.</summary>
    public required FeatureExtractor Features { get; init; }

    /// <summary>Seed of every random choice.</summary>
    public int Seed { get; init; } = AnalysisSettings.DefaultSeed;

    /// <summary>What the corpus is, for the card. Default RAVDESS speech and song.</summary>
    public string Corpus { get; init; } = "RAVDESS speech and song";

    /// <summary>
    /// The winner's speaker-independent folds when already measured (the robustness table's clean
    /// column, on the same folds); null: cross-validate here.
    /// </summary>
    public CrossValidationResult? SpeakerIndependent { get; init; }
}

/// <summary>
/// The reference's tuning step, and this project's model card: grid search by 5-fold CV on the
/// 80% split of the balanced table; the winner tested on the 20% and evaluated speaker-independently
/// over every clip; the final pipeline fitted on every clip and bundled with both numbers.
/// </summary>
public static class Tuning
{
    /// <summary>
    /// Runs the step: the search and the reference protocol on the balanced table, the
    /// speaker-independent evaluation and the final fit on every clip. The tables hold the columns
    /// the request's features compute (and the frames, when the pipeline counts audio words).
    /// </summary>
    public static TuningResult Run(TuningRequest request, IProgress<BatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (balanced, all, seed, features) = (request.Balanced, request.All, request.Seed, request.Features);
        var split = Protocols.ReferenceSplit(balanced, seed);
        var train = balanced.Select(split.Train);
        // The search cross-validates every candidate on these folds: the winner's result is its reference-protocol CV.
        var search = GridSearch.Run(train, request.Grid, Folds.Stratified(train, Protocols.FoldCount, seed), seed, progress);
        var best = new ProtocolComparison(search.Best, search.BestResult,
            CrossValidation.Evaluate(balanced, search.Best, split, balanced.Labels, seed),
            request.SpeakerIndependent is { } measured && request.Grid.Count == 1 ? measured
                : CrossValidation.Run(all, search.Best, Folds.ByActor(all, Protocols.FoldCount), seed));
        var model = new EmotionTrainer(search.Best, seed).Fit(all);
        var recorded = all.Where(r => r.Channel is null);
        int copies = all.Rows.Count - recorded.Rows.Count;
        var card = new ModelCard
        {
            FormatVersion = ModelBundle.CurrentFormatVersion,
            Created = DateTimeOffset.UtcNow,
            Model = search.Best,
            Seed = seed,
            Labels = model.Labels,
            Features = new FeatureSpec(features.Options, features.Fingerprint, model.FeatureNames),
            Training = new TrainingSummary(
                $"{recorded.Rows.Count} clips, {request.Corpus}, {recorded.Rows.Select(r => r.Actor).Distinct().Count()} actors"
                    + (copies > 0 ? $", and {copies} degraded copies of them (simulated band limits, codecs, noise, babble, rooms, microphones, gain, speed)" : ""),
                all.Rows.Count, recorded.ClassCounts().ToDictionary(c => c.Label, c => c.Count)),
            ReferenceProtocol = MetricSummary.From($"stratified random 80/20 split of {balanced.Rows.Count(r => r.Channel is null)} balanced clips (the reference's protocol; speakers leak into training)", best.RandomSplitTest),
            SpeakerIndependent = MetricSummary.From($"5-fold cross-validation grouped by actor over {recorded.Rows.Count} clips (no test speaker heard in training)", best.SpeakerIndependent),
        };
        return new TuningResult(search, best, new ModelBundle(model, features, card));
    }

    /// <summary>A small grid for smoke runs.</summary>
    public static IReadOnlyList<PipelineOptions> QuickGrid() => [new RandomForestOptions { Trees = 50 }, RandomForestOptions.ReferenceTuned with { Trees = 50 }];
}
