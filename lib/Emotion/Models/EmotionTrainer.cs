using Emotion.Data;

namespace Emotion.Models;

/// <summary>Trains <see cref="EmotionModel"/>s with one learner's settings and a fixed seed.</summary>
/// <remarks>
/// For scikit-learn users: <c>Fit</c> returns a new model and leaves the trainer unchanged (no
/// fitted state ends in <c>_</c>); the seed plays <c>random_state</c>.
/// </remarks>
public sealed class EmotionTrainer
{
    /// <summary>A trainer for <paramref name="options"/>, seeded with <paramref name="seed"/>.</summary>
    public EmotionTrainer(ModelOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Seed = seed;
    }

    /// <summary>The learner and its settings.</summary>
    public ModelOptions Options { get; }

    /// <summary>Seed of every random choice in training.</summary>
    public int Seed { get; }

    /// <summary>Trains on every row of <paramref name="data"/>; the labels are all that occur in it.</summary>
    public EmotionModel Fit(FeatureTable data) => Fit(data, data.Labels);

    /// <summary>Trains on <paramref name="data"/> with a fixed label set (so fold models agree on label order).</summary>
    public EmotionModel Fit(FeatureTable data, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(labels);
        if (data.Rows.Count == 0)
            throw new ArgumentException("No rows to train on.", nameof(data));
        var keys = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        var labelKeys = data.Rows.Select(r => keys.TryGetValue(r.Emotion, out int k) ? k
            : throw new ArgumentException($"{r.Path}: label '{r.Emotion}' is not one of {string.Join(", ", labels)}.", nameof(data))).ToArray();
        return new EmotionModel(Options.Fit(data, labelKeys, labels.Count, Seed), Options, labels, data.FeatureNames);
    }
}
