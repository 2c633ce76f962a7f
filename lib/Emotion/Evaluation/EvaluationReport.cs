namespace Emotion.Evaluation;

/// <summary>Precision, recall and F1 of one class.</summary>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>
/// How a model did on labelled examples: the confusion matrix and what follows from it.
/// </summary>
/// <remarks>
/// <see cref="Accuracy"/> = correct / all. <see cref="UnweightedAverageRecall"/> (UAR, ML.NET's
/// macro-accuracy, scikit-learn's <c>balanced_accuracy_score</c>) = mean over classes of recall;
/// unlike accuracy it is not flattered by the larger classes. Per class: precision = TP / predicted,
/// recall = TP / actual, F1 = their harmonic mean (0 where undefined).
/// </remarks>
/// <param name="Labels">Class labels, indexing the matrix.</param>
/// <param name="ConfusionMatrix">Counts: row = actual label, column = predicted label.</param>
public sealed record EvaluationReport(IReadOnlyList<string> Labels, int[][] ConfusionMatrix)
{
    /// <summary>Number of examples.</summary>
    public int Count => ConfusionMatrix.Sum(row => row.Sum());

    /// <summary>Fraction classified correctly.</summary>
    public double Accuracy => Count == 0 ? 0 : (double)Enumerable.Range(0, Labels.Count).Sum(i => ConfusionMatrix[i][i]) / Count;

    /// <summary>Mean recall over the classes that occur.</summary>
    public double UnweightedAverageRecall => PerClass.Where(c => c.Support > 0).Select(c => c.Recall).DefaultIfEmpty(0).Average();

    /// <summary>Mean F1 over the classes that occur.</summary>
    public double MacroF1 => PerClass.Where(c => c.Support > 0).Select(c => c.F1).DefaultIfEmpty(0).Average();

    /// <summary>Metrics of each class, in <see cref="Labels"/> order.</summary>
    public IReadOnlyList<ClassMetrics> PerClass =>
        [.. Labels.Select((label, i) =>
        {
            int truePositives = ConfusionMatrix[i][i];
            int actual = ConfusionMatrix[i].Sum();
            int predicted = ConfusionMatrix.Sum(row => row[i]);
            double precision = predicted == 0 ? 0 : (double)truePositives / predicted;
            double recall = actual == 0 ? 0 : (double)truePositives / actual;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new ClassMetrics(label, precision, recall, f1, actual);
        })];

    /// <summary>Builds the report from actual and predicted labels (both drawn from <paramref name="labels"/>).</summary>
    public static EvaluationReport FromPredictions(IReadOnlyList<string> labels, IReadOnlyList<string> actual, IReadOnlyList<string> predicted)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count != predicted.Count)
            throw new ArgumentException($"{actual.Count} actual labels but {predicted.Count} predictions.", nameof(predicted));
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        var matrix = labels.Select(_ => new int[labels.Count]).ToArray();
        for (int i = 0; i < actual.Count; i++)
        {
            if (!index.TryGetValue(actual[i], out int a) || !index.TryGetValue(predicted[i], out int p))
                throw new ArgumentException($"Label '{actual[i]}' or '{predicted[i]}' is not one of {string.Join(", ", labels)}.", nameof(actual));
            matrix[a][p]++;
        }
        return new EvaluationReport(labels, matrix);
    }

    /// <summary>Adds up the confusion matrices of reports over the same labels (cross-validation's pooled result).</summary>
    public static EvaluationReport Pool(IReadOnlyList<EvaluationReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0)
            throw new ArgumentException("Nothing to pool.", nameof(reports));
        var labels = reports[0].Labels;
        var matrix = labels.Select((_, a) => labels.Select((_, p) => reports.Sum(r => r.ConfusionMatrix[a][p])).ToArray()).ToArray();
        return new EvaluationReport(labels, matrix);
    }
}
