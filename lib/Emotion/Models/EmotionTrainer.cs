using Emotion.Data;
using Emotion.Features;

namespace Emotion.Models;

/// <summary>Fits <see cref="EmotionModel"/>s: every step of one <see cref="PipelineOptions"/>, with a fixed seed.</summary>
/// <remarks>
/// For scikit-learn users: <c>Fit</c> returns a new model and leaves the trainer unchanged (no
/// fitted state ends in <c>_</c>); the seed plays <c>random_state</c>.
/// </remarks>
public sealed class EmotionTrainer
{
    /// <summary>A trainer for <paramref name="options"/>, seeded with <paramref name="seed"/>.</summary>
    public EmotionTrainer(PipelineOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Seed = seed;
    }

    /// <summary>The steps and their settings.</summary>
    public PipelineOptions Options { get; }

    /// <summary>Seed of every random choice in training.</summary>
    public int Seed { get; }

    /// <summary>Fits on every row of <paramref name="data"/>; the labels are all that occur in it.</summary>
    public EmotionModel Fit(FeatureTable data) => Fit(data, data.Labels);

    /// <summary>
    /// Fits on <paramref name="data"/> with a fixed label set (so fold models agree on label order):
    /// learns the codebook from these rows' frames, counts every row's words, trains the classifier.
    /// </summary>
    public EmotionModel Fit(FeatureTable data, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(labels);
        if (data.Rows.Count == 0)
            throw new InsufficientDataException("No rows to train on.");
        var keys = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        var labelKeys = data.Rows.Select(r => keys.TryGetValue(r.Emotion, out int k) ? k
            : throw new ArgumentException($"{r.Path}: label '{r.Emotion}' is not one of {string.Join(", ", labels)}.", nameof(data))).ToArray();

        AudioCodebook? codebook = null;
        var learner = data;
        if (Options.Words is { } words)
        {
            if (!data.HasFrames)
                throw new ArgumentException("These options count audio words: the training rows need their frames (extract with frames).", nameof(data));
            codebook = AudioCodebook.Learn([.. data.Rows.Select(r => r.Frames!)], words, Seed);
            learner = WithWords(data, codebook);
        }
        return new EmotionModel(Options.Model.Fit(learner, labelKeys, labels.Count, Seed), Options, labels, data.FeatureNames, codebook);
    }

    /// <summary>Every row with its word counts appended, as the classifier reads it.</summary>
    private static FeatureTable WithWords(FeatureTable data, AudioCodebook codebook)
    {
        var rows = new FeatureRow[data.Rows.Count];
        Parallel.For(0, rows.Length, i => rows[i] = data.Rows[i] with { Features = EmotionModel.WithWords(ModelInput.Of(data.Rows[i]), codebook) });
        return new FeatureTable([.. data.FeatureNames, .. Enumerable.Range(0, codebook.Options.CodebookSize).Select(k => $"word_{k}")], rows);
    }
}
