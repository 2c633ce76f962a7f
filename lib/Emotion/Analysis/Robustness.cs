using Emotion.Audio.Channels;
using Emotion.Bundle;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Features;
using Emotion.Models;

namespace Emotion.Analysis;

/// <summary>A recipe of the robustness table: features, pipeline, and the degraded copies it trains on (null: the clips as recorded only).</summary>
/// <param name="Name">How the table names it.</param>
/// <param name="Features">The features it reads.</param>
/// <param name="Pipeline">What it fits.</param>
/// <param name="Augmentation">The degraded copies of each training clip, or null.</param>
public sealed record RobustCandidate(string Name, FeatureOptions Features, PipelineOptions Pipeline, AugmentationOptions? Augmentation);

/// <summary>A labelled corpus the recipes are never trained on, to measure how they carry.</summary>
/// <param name="Name">Its name in reports, e.g. <c>EMOVO</c>.</param>
/// <param name="Catalog">Its clips.</param>
/// <param name="Labels">How its labels name the model's.</param>
public sealed record OtherCorpus(string Name, CorpusCatalog Catalog, LabelMap Labels);

/// <summary>What the robustness table is measured on.</summary>
public sealed record RobustnessRequest
{
    /// <summary>The training corpus (RAVDESS): its actors make the folds.</summary>
    public required CorpusCatalog Corpus { get; init; }

    /// <summary>A corpus to test on and never train on; null leaves the column out.</summary>
    public OtherCorpus? Other { get; init; }

    /// <summary>The conditions each held-out fold is tested under, besides clean. Default <see cref="Conditions.Standard"/>.</summary>
    public IReadOnlyList<Channel> Conditions { get; init; } = [.. Audio.Channels.Conditions.Standard.Where(c => c.Describe() != ConditionEvaluation.Clean)];

    /// <summary>Speaker-independent folds. Default 5.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Seed of the folds' fits, the copies' channels and the conditions' noises and rooms.</summary>
    public int Seed { get; init; } = AnalysisSettings.DefaultSeed;

    /// <summary>Feature cache folder, or null to extract everything afresh.</summary>
    public string? CacheDirectory { get; init; }
}

/// <summary>What measuring or bundling a recipe reads: its features, their cache (loaded once), and its training rows.</summary>
/// <param name="Features">The recipe's feature computation.</param>
/// <param name="Cache">The features already computed, or null to compute every clip afresh.</param>
/// <param name="Training">The clips as recorded with the recipe's degraded copies beside them (<see cref="Robustness.Prepare"/>).</param>
public sealed record PreparedRecipe(FeatureExtractor Features, FeatureCache? Cache, FeatureTable Training);

/// <summary>One recipe's row of the table.</summary>
/// <param name="Candidate">The recipe.</param>
/// <param name="Conditions">Held-out speakers, clean and under each condition; the confidence's reliability; speech and song.</param>
/// <param name="Other">The recipe fitted on every training clip, tested on the other corpus; null without one.</param>
public sealed record RobustnessRow(RobustCandidate Candidate, ConditionEvaluationResult Conditions, CorpusEvaluationResult? Other)
{
    /// <summary>
    /// The whole table in one number, by which the bundle is chosen: the mean of clean UAR, the mean
    /// UAR over the degraded conditions, and the other corpus's UAR when there is one.
    /// </summary>
    public double Score => new[] { Conditions.Clean.MeanUar, Conditions.DegradedUar, Other?.Report.UnweightedAverageRecall }.OfType<double>().Average();
}

/// <summary>
/// The robustness table: every recipe trained on speaker-independent folds of the corpus (with its
/// degraded copies of the training clips), tested on the held-out speakers as recorded and under
/// every condition, with noises and rooms training never drew; then fitted on every clip and tested
/// on another corpus it never heard.
/// </summary>
public static class Robustness
{
    /// <summary>Measures one recipe.</summary>
    /// <exception cref="InsufficientDataException">The corpus has too few actors or clips for the folds.</exception>
    public static RobustnessRow Evaluate(RobustCandidate candidate, RobustnessRequest request, IProgress<BatchProgress>? progress = null) =>
        Evaluate(candidate, request, Prepare(candidate, request, progress), progress);

    /// <summary>Measures one recipe on what <see cref="Prepare"/> made of it.</summary>
    /// <exception cref="InsufficientDataException">The corpus has too few actors or clips for the folds.</exception>
    public static RobustnessRow Evaluate(RobustCandidate candidate, RobustnessRequest request, PreparedRecipe prepared, IProgress<BatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(prepared);
        var (extractor, cache, training) = prepared;
        bool frames = candidate.Pipeline.Words is not null;
        var conditions = request.Conditions.Select(c => new ConditionTable(c.Describe(),
            DegradedCorpus.Extract(DegradedCorpus.Under(request.Corpus, c, request.Folds, request.Seed), extractor, cache, frames, BatchProgress.Staged(progress, c.Describe())))).ToList();
        var result = ConditionEvaluation.Run(training, conditions, candidate.Pipeline, request.Folds, request.Seed, BatchProgress.Staged(progress, "held-out folds"));
        CorpusEvaluationResult? other = null;
        if (request.Other is { } corpus)
        {
            var model = new EmotionTrainer(candidate.Pipeline, request.Seed).Fit(training);
            other = CorpusEvaluation.Run(model, extractor, corpus.Catalog, corpus.Labels, new CorpusExtractionOptions { Cache = cache, Progress = BatchProgress.Staged(progress, corpus.Name) });
        }
        return new RobustnessRow(candidate, result, other);
    }

    /// <summary>The row's numbers as a model card carries them.</summary>
    public static RobustnessSummary Summary(RobustnessRow row, string? otherCorpus)
    {
        ArgumentNullException.ThrowIfNull(row);
        var result = row.Conditions;
        return new RobustnessSummary(
            $"{result.Clean.Folds.Count}-fold cross-validation grouped by actor; held-out speakers as recorded and through simulated channels with noises and rooms training never drew"
                + (row.Candidate.Pipeline.Centring is null ? "" : "; each speaker's clips centred together, all through one channel"),
            [.. result.Conditions.Select(c => new ConditionSummary(c.Condition, c.MeanUar, c.WorstUar))],
            result.Reliability.ExpectedCalibrationError,
            result.Speech.UnweightedAverageRecall,
            result.Song?.UnweightedAverageRecall,
            row.Other is null ? null : otherCorpus,
            row.Other?.Report.UnweightedAverageRecall,
            row.Other?.Lenient.UnweightedAverageRecall);
    }

    /// <summary>
    /// <paramref name="candidate"/>'s features with their cache opened once, and its training rows:
    /// the clips of the corpus as recorded, with the recipe's degraded copies of each beside them
    /// (rows with a channel: they train and are never tested).
    /// </summary>
    public static PreparedRecipe Prepare(RobustCandidate candidate, RobustnessRequest request, IProgress<BatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(request);
        var extractor = new FeatureExtractor(candidate.Features);
        bool frames = candidate.Pipeline.Words is not null;
        var cache = request.CacheDirectory is null ? null : FeatureCache.Open(request.CacheDirectory, extractor, frames);
        var clean = CorpusExtractor.Run(request.Corpus, extractor, new CorpusExtractionOptions { Cache = cache, Frames = frames, Progress = BatchProgress.Staged(progress, "clips") }).ToTable();
        if (candidate.Augmentation is not { Copies: > 0 } augmentation)
            return new PreparedRecipe(extractor, cache, clean);
        var copies = DegradedCorpus.Extract(DegradedCorpus.Copies(request.Corpus, augmentation, request.Folds, request.Seed), extractor, cache, frames, BatchProgress.Staged(progress, "degraded copies"));
        return new PreparedRecipe(extractor, cache, new FeatureTable(clean.FeatureNames, [.. clean.Rows, .. copies.Rows]));
    }
}
