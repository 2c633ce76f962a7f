using Emotion.Data;
using Emotion.Models;

namespace Emotion.Evaluation;

/// <summary>
/// Chooses among <see cref="Candidates"/> inside the training data only, by actor-grouped
/// cross-validation on UAR, then trains the winner on all of it (scikit-learn's <c>GridSearchCV</c>
/// with <c>GroupKFold</c> as an estimator). Evaluated by outer actor folds, this is nested
/// cross-validation: no held-out speaker influences the choice.
/// </summary>
public sealed record InnerSearchOptions : ModelOptions
{
    private const int FormatVersion = 1;

    /// <summary>The settings to choose from, in order of preference on ties.</summary>
    public required IReadOnlyList<ModelOptions> Candidates { get; init; }

    /// <summary>Actor-grouped folds of the training data. Default 4.</summary>
    public int Folds { get; init; } = 4;

    /// <summary>
    /// The bundled model's learner: RBF kernel ridge with γ scale 0.5, 1 or 1.5 and ridge 0.1, 0.3
    /// or 1, the pair chosen by 4 actor folds of the training data.
    /// </summary>
    public static InnerSearchOptions KernelRidgeGrid { get; } = new()
    {
        Candidates = [.. from gamma in new[] { 1.0, 0.5, 1.5 } from ridge in new[] { 1.0, 0.3, 0.1 } select new KernelRidgeOptions { GammaScale = gamma, Ridge = ridge }],
    };

    /// <inheritdoc/>
    public override string Describe() => Format($"inner-search({Folds} actor folds, UAR; {string.Join(" | ", Candidates.Select(c => c.Describe()))})");

    internal override IClassifier Fit(FeatureTable data, int[] labelKeys, int classCount, int seed)
    {
        if (Candidates.Count == 0)
            throw new ArgumentException("An inner search needs at least one candidate.", nameof(Candidates));
        int best = Candidates.Count == 1 ? 0
            : Candidates.ToList().IndexOf(GridSearch.Run(data, [.. Candidates.Select(c => (PipelineOptions)c)], Data.Folds.ByActor(data, Folds), seed, metric: SearchMetric.Uar).Best.Model);
        return new Chosen(best, Candidates[best].Fit(data, labelKeys, classCount, seed));
    }

    /// <summary>The candidate the search chose.</summary>
    internal override ModelOptions Settled(IClassifier fitted) => fitted is Chosen chosen ? Candidates[chosen.Index] : this;

    internal override IClassifier Load(Stream stream, int featureCount)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        int version = reader.ReadInt32();
        if (version != FormatVersion)
            throw new InvalidDataException($"inner search format {version} is not {FormatVersion}");
        int index = reader.ReadInt32();
        if (index < 0 || index >= Candidates.Count)
            throw new InvalidDataException($"inner search chose candidate {index} of {Candidates.Count}");
        return new Chosen(index, Candidates[index].Load(stream, featureCount));
    }

    /// <summary>The winner, remembered by its index so that a bundle can say which one it holds.</summary>
    private sealed class Chosen(int index, IClassifier classifier) : IClassifier
    {
        public int Index => index;

        public float[][] Probabilities(IReadOnlyList<float[]> rows) => classifier.Probabilities(rows);

        public void Save(Stream stream)
        {
            using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(FormatVersion);
                writer.Write(index);
            }
            classifier.Save(stream);
        }
    }
}
