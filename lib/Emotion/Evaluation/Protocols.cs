using Emotion.Data;
using Emotion.Models;

namespace Emotion.Evaluation;

/// <summary>One model under both evaluations.</summary>
/// <param name="Model">The learner and settings.</param>
/// <param name="TrainCrossValidation">Reference protocol: 5-fold stratified cross-validation on the 80% training split.</param>
/// <param name="RandomSplitTest">Reference protocol: the model trained on the 80% split, tested on the held-out 20%.</param>
/// <param name="SpeakerIndependent">5-fold cross-validation grouped by actor: no test speaker was heard in training.</param>
public sealed record ProtocolComparison(PipelineOptions Model, CrossValidationResult TrainCrossValidation, EvaluationReport RandomSplitTest, CrossValidationResult SpeakerIndependent);

/// <summary>
/// The two evaluations this project reports side by side. The reference protocol (stratified random
/// 80/20 split) compares with the reference's published numbers, but each actor's other takes sit in
/// training, which flatters it; speaker-independent cross-validation is the number to expect on a
/// new voice.
/// </summary>
public static class Protocols
{
    /// <summary>Fraction held out by the reference protocol.</summary>
    public const double TestFraction = 0.2;

    /// <summary>Folds of both cross-validations.</summary>
    public const int FoldCount = 5;

    /// <summary>The reference's split of <paramref name="table"/>: stratified, 20% to test.</summary>
    public static Fold ReferenceSplit(FeatureTable table, int seed) => Folds.StratifiedHoldout(table, TestFraction, seed);

    /// <summary>Evaluates <paramref name="options"/> on <paramref name="table"/> under both protocols.</summary>
    public static ProtocolComparison Compare(FeatureTable table, PipelineOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        var split = ReferenceSplit(table, seed);
        var train = table.Select(split.Train);
        return new ProtocolComparison(
            options,
            CrossValidation.Run(train, options, Folds.Stratified(train, FoldCount, seed), seed),
            CrossValidation.Evaluate(table, options, split, table.Labels, seed),
            CrossValidation.Run(table, options, Folds.ByActor(table, FoldCount), seed));
    }

    /// <summary>A grid of forests around the reference's search space, as scikit-learn's GridSearchCV would take it.</summary>
    public static IReadOnlyList<PipelineOptions> ForestGrid() =>
        [.. from trees in new[] { 100, 200 }
            from depth in new int?[] { null, 20, 30 }
            from leaf in new[] { 1, 2 }
            from split in new[] { 2, 5 }
            from bootstrap in new[] { true, false }
            select (PipelineOptions)new RandomForestOptions { Trees = trees, MaximumDepth = depth, MinimumExamplesPerLeaf = leaf, MinimumSamplesToSplit = split, Bootstrap = bootstrap }];
}
