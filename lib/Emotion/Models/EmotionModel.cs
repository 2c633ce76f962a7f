using Emotion.Data;

namespace Emotion.Models;

/// <summary>A prediction: the most probable emotion, its probability, and every label's.</summary>
/// <param name="Emotion">The most probable label.</param>
/// <param name="Confidence">Its probability.</param>
/// <param name="Probabilities">Probability of each label, in <see cref="EmotionModel.Labels"/> order; they sum to 1.</param>
public sealed record EmotionPrediction(string Emotion, float Confidence, IReadOnlyList<float> Probabilities);

/// <summary>
/// A trained classifier from feature vectors to emotions. Immutable and safe to share between
/// threads. <see cref="EmotionTrainer"/> makes one; the model bundle stores it with what it needs
/// to be used again.
/// </summary>
public sealed class EmotionModel
{
    private readonly IClassifier _classifier;

    internal EmotionModel(IClassifier classifier, ModelOptions options, IReadOnlyList<string> labels, IReadOnlyList<string> featureNames)
    {
        _classifier = classifier;
        Options = options;
        Labels = labels;
        FeatureNames = featureNames;
    }

    /// <summary>The learner and settings it was trained with.</summary>
    public ModelOptions Options { get; }

    /// <summary>The labels, in the order of <see cref="EmotionPrediction.Probabilities"/>.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The features the model reads, in order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Classifies one feature vector.</summary>
    public EmotionPrediction Predict(float[] features) => Predict([features])[0];

    /// <summary>Classifies many feature vectors in one pass.</summary>
    public IReadOnlyList<EmotionPrediction> Predict(IReadOnlyList<float[]> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        foreach (var f in features)
        {
            ArgumentNullException.ThrowIfNull(f, nameof(features));
            if (f.Length != FeatureNames.Count)
                throw new ArgumentException($"The model reads {FeatureNames.Count} features; got {f.Length}.", nameof(features));
        }
        return [.. _classifier.Probabilities(features).Select(ToPrediction)];
    }

    /// <summary>Classifies every row of <paramref name="table"/>.</summary>
    public IReadOnlyList<EmotionPrediction> Predict(FeatureTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Predict([.. table.Rows.Select(r => r.Features)]);
    }

    /// <summary>Writes the learner's weights to <paramref name="stream"/> (labels and options travel in the bundle's card).</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _classifier.Save(stream);
    }

    /// <summary>Reads weights written by <see cref="Save"/> for a model of <paramref name="options"/>.</summary>
    public static EmotionModel Load(Stream stream, ModelOptions options, IReadOnlyList<string> labels, IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        return new EmotionModel(options.Load(stream, featureNames.Count), options, labels, featureNames);
    }

    private EmotionPrediction ToPrediction(float[] scores)
    {
        // Calibrated one-versus-all scores need not sum to 1: normalise.
        float sum = scores.Sum(s => Math.Max(0, s));
        var probabilities = sum > 0 ? scores.Select(s => Math.Max(0, s) / sum).ToArray() : [.. scores.Select(_ => 1f / scores.Length)];
        int best = Array.IndexOf(probabilities, probabilities.Max());
        return new EmotionPrediction(Labels[best], probabilities[best], probabilities);
    }
}
