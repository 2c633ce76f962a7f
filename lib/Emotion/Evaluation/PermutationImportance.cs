using Emotion.Data;
using Emotion.Internal;
using Emotion.Models;

namespace Emotion.Evaluation;

/// <summary>How much accuracy a feature carries: the mean drop when its values are shuffled, and the spread over repeats.</summary>
public sealed record FeatureImportance(string Feature, double Mean, double Spread);

/// <summary>
/// Permutation importance on held-out data (scikit-learn's <c>permutation_importance</c>): for
/// each feature, shuffle its column across the rows, and measure the fall in accuracy. Unlike
/// impurity importance it is not biased towards features with many split points, and it measures
/// what the model uses on data it has not seen.
/// </summary>
public static class PermutationImportance
{
    /// <summary>Importance of every feature of <paramref name="model"/> on <paramref name="test"/>, most important first.</summary>
    public static IReadOnlyList<FeatureImportance> Compute(EmotionModel model, FeatureTable test, int repeats, int seed, IProgress<BatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(repeats);
        var actual = test.Rows.Select(r => r.Emotion).ToArray();
        double baseline = Accuracy(model, [.. test.Rows.Select(r => r.Features)], actual);
        int features = test.FeatureNames.Count, done = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var importances = new FeatureImportance[features];
        Parallel.For(0, features, f =>
        {
            var random = new Random(Seeds.Derive(seed, f));
            var drops = new double[repeats];
            for (int r = 0; r < repeats; r++)
            {
                var column = test.Rows.Select(row => row.Features[f]).ToArray();
                random.Shuffle(column);
                var shuffled = test.Rows.Select((row, i) =>
                {
                    var copy = (float[])row.Features.Clone();
                    copy[f] = column[i];
                    return copy;
                }).ToList();
                drops[r] = baseline - Accuracy(model, shuffled, actual);
            }
            double mean = drops.Average();
            importances[f] = new FeatureImportance(test.FeatureNames[f], mean, Math.Sqrt(drops.Average(d => (d - mean) * (d - mean))));
            progress?.Report(new BatchProgress(Interlocked.Increment(ref done), features, clock.Elapsed));
        });
        return [.. importances.OrderByDescending(i => i.Mean)];
    }

    private static double Accuracy(EmotionModel model, IReadOnlyList<float[]> features, string[] actual)
    {
        var predicted = model.Predict([.. features.Select(f => new ModelInput(f))]);
        return (double)predicted.Where((p, i) => p.Emotion == actual[i]).Count() / actual.Length;
    }
}
