using Emotion.Data;
using Emotion.Models;

namespace Emotion.Evaluation;

/// <summary>Reports of each fold of a cross-validation, and their summary.</summary>
/// <param name="Folds">One report per fold, in fold order.</param>
/// <param name="FoldDescriptions">What each fold held out.</param>
public sealed record CrossValidationResult(IReadOnlyList<EvaluationReport> Folds, IReadOnlyList<string> FoldDescriptions)
{
    /// <summary>All folds' confusion matrices added up.</summary>
    public EvaluationReport Pooled => EvaluationReport.Pool(Folds);

    /// <summary>Mean accuracy over folds.</summary>
    public double MeanAccuracy => Folds.Average(f => f.Accuracy);

    /// <summary>Standard deviation of accuracy over folds (population).</summary>
    public double AccuracySpread => Spread(Folds.Select(f => f.Accuracy));

    /// <summary>Mean unweighted average recall over folds.</summary>
    public double MeanUar => Folds.Average(f => f.UnweightedAverageRecall);

    /// <summary>Standard deviation of UAR over folds (population).</summary>
    public double UarSpread => Spread(Folds.Select(f => f.UnweightedAverageRecall));

    internal static double Spread(IEnumerable<double> values)
    {
        var list = values.ToList();
        double mean = list.Average();
        return Math.Sqrt(list.Average(v => (v - mean) * (v - mean)));
    }
}

/// <summary>Cross-validation: train on each fold's training rows, evaluate on its test rows.</summary>
public static class CrossValidation
{
    /// <summary>Fits the pipeline of <paramref name="options"/> on each of <paramref name="folds"/> of <paramref name="table"/> and evaluates it, folds in parallel.</summary>
    public static CrossValidationResult Run(FeatureTable table, PipelineOptions options, IReadOnlyList<Fold> folds, int seed, IProgress<BatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(folds);
        var labels = table.Labels;
        var reports = new EvaluationReport[folds.Count];
        int done = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Parallel.For(0, folds.Count, f =>
        {
            reports[f] = Evaluate(table, options, folds[f], labels, seed);
            progress?.Report(new BatchProgress(Interlocked.Increment(ref done), folds.Count, clock.Elapsed));
        });
        return new CrossValidationResult(reports, [.. folds.Select(f => f.Description)]);
    }

    /// <summary>
    /// Fits every step of the pipeline (codebook included) on the fold's training rows alone and
    /// evaluates the emotions it names on its test rows. A calibration step is left out: it never
    /// changes which emotion wins (<see cref="EmotionModel.ToPrediction"/>), and fitting it costs
    /// as many fits again as it has folds.
    /// </summary>
    public static EvaluationReport Evaluate(FeatureTable table, PipelineOptions options, Fold fold, IReadOnlyList<string> labels, int seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fold);
        var model = new EmotionTrainer(options with { Calibration = null }, seed).Fit(table.Select(fold.Train), labels);
        var test = table.Select(fold.Test);
        var predicted = model.Predict(test).Select(p => p.Emotion).ToList();
        return EvaluationReport.FromPredictions(labels, [.. test.Rows.Select(r => r.Emotion)], predicted);
    }
}
