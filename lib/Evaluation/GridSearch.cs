using Emotion.Data;
using Emotion.Models;

namespace Emotion.Evaluation;

/// <summary>Every candidate's cross-validation, best first.</summary>
public sealed record GridSearchResult(IReadOnlyList<(ModelOptions Options, CrossValidationResult Result)> Ranked)
{
    /// <summary>The candidate with the highest mean accuracy (ties: higher mean UAR, then listing order).</summary>
    public ModelOptions Best => Ranked[0].Options;

    /// <summary>The best candidate's cross-validation.</summary>
    public CrossValidationResult BestResult => Ranked[0].Result;
}

/// <summary>Exhaustive search over candidate settings by cross-validation (scikit-learn's <c>GridSearchCV</c>).</summary>
public static class GridSearch
{
    /// <summary>Cross-validates each candidate on the same folds of <paramref name="table"/> and ranks them by mean accuracy.</summary>
    public static GridSearchResult Run(FeatureTable table, IReadOnlyList<ModelOptions> candidates, IReadOnlyList<Fold> folds, int seed, IProgress<BatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
            throw new ArgumentException("No candidates to search.", nameof(candidates));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = new List<(ModelOptions, CrossValidationResult)>();
        foreach (var candidate in candidates)
        {
            results.Add((candidate, CrossValidation.Run(table, candidate, folds, seed)));
            progress?.Report(new BatchProgress(results.Count, candidates.Count, clock.Elapsed));
        }
        return new GridSearchResult([.. results
            .Select((r, i) => (r, i))
            .OrderByDescending(p => p.r.Item2.MeanAccuracy).ThenByDescending(p => p.r.Item2.MeanUar).ThenBy(p => p.i)
            .Select(p => p.r)]);
    }
}
