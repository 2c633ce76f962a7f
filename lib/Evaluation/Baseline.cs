using Emotion.Data;
using Emotion.Models;
using Emotion.Reporting;
using Plotly.NET;

namespace Emotion.Evaluation;

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

    /// <summary>The step's markdown report.</summary>
    public static MarkdownReport Report(BaselineResult result, int rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new MarkdownReport("Baseline: random forest and SVM")
            .Paragraph($"{rows} balanced clips, seed {seed}. Reference protocol: stratified random 80/20 split; speaker-independent: 5 folds of actors.")
            .Comparisons(result.Models)
            .Heading("Random forest, speaker-independent folds").Folds(result.Forest.SpeakerIndependent);
    }

    /// <summary>The step's charts: accuracy and UAR of every model both ways, and the forest's speaker-independent confusion matrix.</summary>
    public static IReadOnlyList<GenericChart> Charts(BaselineResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return
        [
            Reporting.Charts.Scores([.. result.Models.SelectMany(m => new[]
            {
                ($"{m.Name}: random split", m.Result.RandomSplitTest.Accuracy, m.Result.RandomSplitTest.UnweightedAverageRecall),
                ($"{m.Name}: by actor", m.Result.SpeakerIndependent.MeanAccuracy, m.Result.SpeakerIndependent.MeanUar),
            })], "Both evaluations"),
            Reporting.Charts.ConfusionMatrix(result.Forest.SpeakerIndependent.Pooled, "Random forest, speaker-independent"),
        ];
    }
}
