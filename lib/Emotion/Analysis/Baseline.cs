using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Models;

namespace Emotion.Analysis;

/// <summary>The baseline step's results: each model under both protocols.</summary>
public sealed record BaselineResult(IReadOnlyList<(string Name, ProtocolComparison Result)> Models)
{
    /// <summary>The first model's results (the random forest).</summary>
    public ProtocolComparison Forest => Models[0].Result;
}

/// <summary>
/// The reference's baseline: a random forest with scikit-learn's defaults and the SVM comparison,
/// each under both protocols (<see cref="Protocols.Compare"/>).
/// </summary>
public static class Baseline
{
    /// <summary>Evaluates both models on <paramref name="table"/>.</summary>
    public static BaselineResult Run(FeatureTable table, int seed) => new(
    [
        ("random forest (scikit-learn defaults)", Protocols.Compare(table, new RandomForestOptions(), seed)),
        ("linear SVM", Protocols.Compare(table, new LinearSvmOptions(), seed)),
    ]);
}
