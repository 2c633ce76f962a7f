using Emotion.Bundle;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Models;

namespace Emotion.Analysis;

/// <summary>A bundled model's results on another labelled corpus, over the classes the two share.</summary>
/// <param name="Corpus">The corpus root.</param>
/// <param name="Report">Predictions among the shared classes against the mapped labels.</param>
/// <param name="Mapping">Each corpus label with its clip count and the model label it maps to (null: not shared).</param>
/// <param name="Failures">Clips that could not be analysed.</param>
public sealed record CorpusEvaluationResult(
    string Corpus, EvaluationReport Report, IReadOnlyList<(string CorpusLabel, int Clips, string? ModelLabel)> Mapping, IReadOnlyList<ClipFailure> Failures)
{
    /// <summary>The model labels the corpus has clips of.</summary>
    public IReadOnlyList<string> Shared => Report.Labels;

    /// <summary>UAR of guessing: one over the shared classes.</summary>
    public double Chance => Shared.Count == 0 ? 0 : 1.0 / Shared.Count;
}

/// <summary>
/// Cross-corpus evaluation: a bundle trained on RAVDESS classifies a <c>&lt;root&gt;/&lt;label&gt;/&lt;clip&gt;</c>
/// corpus. Clips of unshared labels are left out, and predictions are restricted to the shared
/// classes (the most probable of them), so that the score compares like with like.
/// </summary>
public static class CorpusEvaluation
{
    /// <summary>Extracts the bundle's features for every clip of <paramref name="catalog"/> and scores its predictions.</summary>
    /// <exception cref="InsufficientDataException">No clip has a label the model knows.</exception>
    public static CorpusEvaluationResult Run(ModelBundle bundle, CorpusCatalog catalog, LabelMap labels, CorpusExtractionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(labels);
        var modelLabels = bundle.Model.Labels;
        var mapping = catalog.Clips.Where(c => c.Emotion is not null).GroupBy(c => c.Emotion!, StringComparer.OrdinalIgnoreCase)
            .Select(g => (CorpusLabel: g.Key, Clips: g.Count(), ModelLabel: labels.ToModelLabel(g.Key, modelLabels)))
            .OrderBy(m => m.CorpusLabel, StringComparer.OrdinalIgnoreCase).ToList();
        var shared = modelLabels.Where(l => mapping.Any(m => m.ModelLabel == l)).ToList();
        if (shared.Count == 0)
            throw new InsufficientDataException($"{catalog.Root}: none of its labels ({string.Join(", ", mapping.Select(m => m.CorpusLabel))}) maps to a model label ({string.Join(", ", modelLabels)}); pass a label map file.");

        var target = mapping.Where(m => m.ModelLabel is not null).ToDictionary(m => m.CorpusLabel, m => m.ModelLabel!, StringComparer.OrdinalIgnoreCase);
        var kept = catalog.Where(c => c.Emotion is { } e && target.ContainsKey(e));
        // The bundle's own steps, frames included when it counts audio words.
        var extracted = CorpusExtractor.Run(kept, bundle.Features, (options ?? new CorpusExtractionOptions()) with { Frames = bundle.Model.Codebook is not null });
        var predictions = bundle.Model.Predict([.. extracted.Clips.Select(c => new ModelInput(c.Features.Values, c.Features.Frames))]);
        var sharedIndex = shared.Select(l => modelLabels.ToList().IndexOf(l)).ToArray();
        var predicted = predictions.Select(p => modelLabels[sharedIndex.MaxBy(i => p.Probabilities[i])]).ToList();
        var actual = extracted.Clips.Select(c => target[c.Clip.Emotion!]).ToList();
        return new CorpusEvaluationResult(catalog.Root, EvaluationReport.FromPredictions(shared, actual, predicted), mapping, extracted.Failures);
    }
}
