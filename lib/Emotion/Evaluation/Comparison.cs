using Emotion.Data;
using Emotion.Models;

namespace Emotion.Evaluation;

/// <summary>A feature table and a learner to try.</summary>
/// <param name="Name">How the results table names it.</param>
/// <param name="Table">Every clip with the candidate's features.</param>
/// <param name="Model">The learner.</param>
public sealed record Candidate(string Name, FeatureTable Table, PipelineOptions Model);

/// <summary>One candidate's speaker-independent results.</summary>
/// <param name="Candidate">What was tried.</param>
/// <param name="FeatureCount">How many features it read.</param>
/// <param name="All">Actor folds over every clip.</param>
/// <param name="Speech">Actor folds over the speech clips alone.</param>
/// <param name="Elapsed">Wall time of both cross-validations: where a comparison's time goes.</param>
public sealed record ComparisonRow(Candidate Candidate, int FeatureCount, CrossValidationResult All, CrossValidationResult Speech, TimeSpan Elapsed);

/// <summary>
/// Speaker-independent comparison of candidates on the same actor folds, for the results table:
/// per fold accuracy and UAR, their mean and spread, and the pooled confusion matrix.
/// </summary>
public static class Comparison
{
    /// <summary>Cross-validates each candidate by actor folds of its table; speech-only results too.</summary>
    public static IReadOnlyList<ComparisonRow> Run(IReadOnlyList<Candidate> candidates, int seed, IProgress<BatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = new List<ComparisonRow>();
        foreach (var candidate in candidates)
        {
            var started = clock.Elapsed;
            var all = candidate.Table;
            var spoken = all.Where(r => r.Clip.VocalChannel == VocalChannel.Speech);
            var allResult = CrossValidation.Run(all, candidate.Model, Folds.ByActor(all, Protocols.FoldCount), seed);
            var speechResult = CrossValidation.Run(spoken, candidate.Model, Folds.ByActor(spoken, Protocols.FoldCount), seed);
            results.Add(new ComparisonRow(candidate, all.FeatureNames.Count + (candidate.Model.Words?.CodebookSize ?? 0), allResult, speechResult, clock.Elapsed - started));
            progress?.Report(new BatchProgress(results.Count, candidates.Count, clock.Elapsed));
        }
        return results;
    }
}
