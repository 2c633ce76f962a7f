using Emotion.Data;
using Emotion.Models;

namespace Emotion.Evaluation;

/// <summary>What a <see cref="GridSearch"/> ranks candidates by.</summary>
public enum SearchMetric
{
    /// <summary>Mean accuracy over folds, then mean UAR (scikit-learn's default scoring).</summary>
    Accuracy,

    /// <summary>Mean unweighted average recall over folds, then mean accuracy: what speaker-independent results report.</summary>
    Uar,
}

/// <summary>Every candidate's cross-validation, best first.</summary>
public sealed record GridSearchResult(IReadOnlyList<(PipelineOptions Options, CrossValidationResult Result)> Ranked)
{
    /// <summary>The candidate ranked first by the search's metric (ties: the other metric, then listing order).</summary>
    public PipelineOptions Best => Ranked[0].Options;

    /// <summary>The best candidate's cross-validation.</summary>
    public CrossValidationResult BestResult => Ranked[0].Result;
}

/// <summary>Exhaustive search over candidate settings by cross-validation (scikit-learn's <c>GridSearchCV</c>).</summary>
public static class GridSearch
{
    /// <summary>Cross-validates each candidate on the same folds of <paramref name="table"/> and ranks them by <paramref name="metric"/>.</summary>
    public static GridSearchResult Run(FeatureTable table, IReadOnlyList<PipelineOptions> candidates, IReadOnlyList<Fold> folds, int seed,
        IProgress<BatchProgress>? progress = null, SearchMetric metric = SearchMetric.Accuracy)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
            throw new ArgumentException("No candidates to search.", nameof(candidates));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = new List<(PipelineOptions, CrossValidationResult)>();
        foreach (var candidate in candidates)
        {
            results.Add((candidate, CrossValidation.Run(table, candidate, folds, seed)));
            progress?.Report(new BatchProgress(results.Count, candidates.Count, clock.Elapsed));
        }
        return new GridSearchResult([.. results
            .Select((r, i) => (r, i))
            .OrderByDescending(p => metric == SearchMetric.Uar ? p.r.Item2.MeanUar : p.r.Item2.MeanAccuracy)
            .ThenByDescending(p => metric == SearchMetric.Uar ? p.r.Item2.MeanAccuracy : p.r.Item2.MeanUar)
            .ThenBy(p => p.i)
            .Select(p => p.r)]);
    }
}
