namespace Emotion.Models;

/// <summary>A trained learner: feature vectors in, class probabilities (in label-key order) out.</summary>
internal interface IClassifier
{
    /// <summary>Probabilities of every class for each row.</summary>
    float[][] Probabilities(IReadOnlyList<float[]> rows);

    /// <summary>Writes the learner's own format.</summary>
    void Save(Stream stream);
}
