using Emotion.Data;
using Emotion.Models;

namespace Emotion.Evaluation;

/// <summary>The clips of a corpus as one test condition delivered them (<c>DegradedCorpus.Under</c>).</summary>
/// <param name="Condition">The condition in words, e.g. <c>8 kHz sample rate</c>.</param>
/// <param name="Table">Every clip under it, one row per clip, on the training table's paths.</param>
public sealed record ConditionTable(string Condition, FeatureTable Table);

/// <summary>A pipeline's held-out results under one condition, fold by fold.</summary>
/// <param name="Condition">The condition in words; <c>clean</c> for the clips as recorded.</param>
/// <param name="Folds">Each speaker-independent fold's report.</param>
public sealed record ConditionResult(string Condition, IReadOnlyList<EvaluationReport> Folds)
{
    /// <summary>Mean UAR over the folds.</summary>
    public double MeanUar => Folds.Average(f => f.UnweightedAverageRecall);

    /// <summary>UAR of the worst fold: a mean hides its spread.</summary>
    public double WorstUar => Folds.Min(f => f.UnweightedAverageRecall);

    /// <summary>Population standard deviation of the folds' UAR.</summary>
    public double UarSpread => CrossValidationResult.Spread(Folds.Select(f => f.UnweightedAverageRecall));
}

/// <summary>
/// How a pipeline holds up beyond the studio: trained on each speaker-independent fold's training
/// clips (and their degraded copies, when the table has them), tested on the held-out speakers'
/// clips as recorded and under every condition; the confidence's reliability on the clean clips;
/// speech and song apart.
/// </summary>
/// <param name="Conditions">Clean first, then each condition in the order given.</param>
/// <param name="Reliability">Confidence against accuracy on the held-out clean clips, pooled over folds.</param>
/// <param name="Speech">Held-out clean speech clips, pooled over folds.</param>
/// <param name="Song">Held-out clean song clips, pooled over folds; null when the table has none.</param>
public sealed record ConditionEvaluationResult(IReadOnlyList<ConditionResult> Conditions, Reliability Reliability, EvaluationReport Speech, EvaluationReport? Song)
{
    /// <summary>The clips as recorded.</summary>
    public ConditionResult Clean => Conditions[0];

    /// <summary>Mean UAR over the degraded conditions (every one but clean).</summary>
    public double DegradedUar => Conditions.Skip(1).Select(c => c.MeanUar).DefaultIfEmpty(Clean.MeanUar).Average();
}

/// <summary>Runs <see cref="ConditionEvaluationResult"/>'s protocol.</summary>
public static class ConditionEvaluation
{
    /// <summary>The name of the clips as recorded in a result's conditions.</summary>
    public const string Clean = "clean";

    /// <summary>
    /// Fits <paramref name="options"/> on each of <paramref name="k"/> actor folds of <paramref name="training"/>
    /// (copies train beside their clips and are never tested) and tests the held-out speakers under
    /// every condition of <paramref name="conditions"/>, folds one after another (each fit is parallel inside).
    /// </summary>
    /// <exception cref="InsufficientDataException">The table has too few actors or clips for the folds.</exception>
    public static ConditionEvaluationResult Run(FeatureTable training, IReadOnlyList<ConditionTable> conditions, PipelineOptions options, int k, int seed, IProgress<BatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(options);
        var folds = Folds.ByActor(training, k);
        var labels = training.Labels;
        var byPath = conditions.Select(c => c.Table.Rows.ToDictionary(r => r.Path)).ToList();
        var reports = new EvaluationReport[conditions.Count + 1][];
        for (int c = 0; c < reports.Length; c++)
            reports[c] = new EvaluationReport[folds.Count];
        var reliability = new Reliability[folds.Count];
        var answers = new List<(FeatureRow Row, EmotionPrediction Prediction)>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int f = 0; f < folds.Count; f++)
        {
            var model = new EmotionTrainer(options, seed).Fit(training.Select(folds[f].Train), labels);
            var test = training.Select(folds[f].Test);
            var predictions = model.Predict(test);
            reports[0][f] = Report(labels, test, predictions);
            reliability[f] = Reliability.From(test.Rows.Select((r, i) => ((double)predictions[i].Confidence, predictions[i].Emotion == r.Emotion)));
            answers.AddRange(test.Rows.Zip(predictions));
            for (int c = 0; c < conditions.Count; c++)
            {
                var degraded = new FeatureTable(conditions[c].Table.FeatureNames, [.. test.Rows.Select(r => byPath[c].TryGetValue(r.Path, out var row) ? row
                    : throw new ArgumentException($"Condition '{conditions[c].Condition}' has no row for {r.Path}.", nameof(conditions)))]);
                reports[c + 1][f] = Report(labels, degraded, model.Predict(degraded));
            }
            progress?.Report(new BatchProgress(f + 1, folds.Count, clock.Elapsed));
        }
        var song = answers.Where(a => a.Row.Clip.VocalChannel == VocalChannel.Song).ToList();
        return new ConditionEvaluationResult(
            [new ConditionResult(Clean, reports[0]), .. conditions.Select((c, i) => new ConditionResult(c.Condition, reports[i + 1]))],
            Reliability.Pool(reliability),
            Pooled(labels, answers.Where(a => a.Row.Clip.VocalChannel != VocalChannel.Song)),
            song.Count == 0 ? null : Pooled(labels, song));
    }

    private static EvaluationReport Report(IReadOnlyList<string> labels, FeatureTable test, IReadOnlyList<EmotionPrediction> predictions) =>
        EvaluationReport.FromPredictions(labels, [.. test.Rows.Select(r => r.Emotion)], [.. predictions.Select(p => p.Emotion)]);

    private static EvaluationReport Pooled(IReadOnlyList<string> labels, IEnumerable<(FeatureRow Row, EmotionPrediction Prediction)> answers)
    {
        var list = answers.ToList();
        return EvaluationReport.FromPredictions(labels, [.. list.Select(a => a.Row.Emotion)], [.. list.Select(a => a.Prediction.Emotion)]);
    }
}
