using Emotion.Bundle;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Features;
using Emotion.Models;

namespace Emotion.Analysis;

/// <summary>A model's results on another labelled corpus, over the classes the two share.</summary>
/// <param name="Corpus">The corpus root.</param>
/// <param name="Report">Predictions restricted to the shared classes (the most probable of them) against the mapped labels.</param>
/// <param name="Lenient">
/// The model's own top label against the mapped labels, any label allowed, where "calm" for a
/// neutral clip counts as right (a corpus without calm files its calm voices under neutral).
/// </param>
/// <param name="Predicted">How often the model's top label was each of its labels: a model that answers one label for everything shows here.</param>
/// <param name="Mapping">Each corpus label with its clip count and the model label it maps to (null: not shared).</param>
/// <param name="Failures">Clips that could not be analysed.</param>
public sealed record CorpusEvaluationResult(
    string Corpus, EvaluationReport Report, EvaluationReport Lenient, IReadOnlyList<(string Label, int Count)> Predicted,
    IReadOnlyList<(string CorpusLabel, int Clips, string? ModelLabel)> Mapping, IReadOnlyList<ClipFailure> Failures)
{
    /// <summary>The model labels the corpus has clips of.</summary>
    public IReadOnlyList<string> Shared => Report.Labels;

    /// <summary>UAR of guessing: one over the shared classes.</summary>
    public double Chance => Shared.Count == 0 ? 0 : 1.0 / Shared.Count;
}

/// <summary>
/// Cross-corpus evaluation: a model trained on RAVDESS classifies a <c>&lt;root&gt;/&lt;label&gt;/&lt;clip&gt;</c>
/// corpus. Clips of unshared labels are left out; the main score restricts predictions to the shared
/// classes (the most probable of them), so that it compares like with like, and the lenient score
/// takes the model's answer as a user would see it.
/// </summary>
public static class CorpusEvaluation
{
    /// <summary>Extracts the bundle's features for every clip of <paramref name="catalog"/> and scores its predictions.</summary>
    /// <exception cref="InsufficientDataException">No clip has a label the model knows.</exception>
    public static CorpusEvaluationResult Run(ModelBundle bundle, CorpusCatalog catalog, LabelMap labels, CorpusExtractionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return Run(bundle.Model, bundle.Features, catalog, labels, options);
    }

    /// <summary>Extracts <paramref name="features"/> for every clip of <paramref name="catalog"/> and scores <paramref name="model"/>'s predictions.</summary>
    /// <exception cref="InsufficientDataException">No clip has a label the model knows.</exception>
    public static CorpusEvaluationResult Run(EmotionModel model, FeatureExtractor features, CorpusCatalog catalog, LabelMap labels, CorpusExtractionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(labels);
        var modelLabels = model.Labels;
        var mapping = catalog.Clips.Where(c => c.Emotion is not null).GroupBy(c => c.Emotion!, StringComparer.OrdinalIgnoreCase)
            .Select(g => (CorpusLabel: g.Key, Clips: g.Count(), ModelLabel: labels.ToModelLabel(g.Key, modelLabels)))
            .OrderBy(m => m.CorpusLabel, StringComparer.OrdinalIgnoreCase).ToList();
        var shared = modelLabels.Where(l => mapping.Any(m => m.ModelLabel == l)).ToList();
        if (shared.Count == 0)
            throw new InsufficientDataException($"{catalog.Root}: none of its labels ({string.Join(", ", mapping.Select(m => m.CorpusLabel))}) maps to a model label ({string.Join(", ", modelLabels)}); pass a label map file.");

        var target = mapping.Where(m => m.ModelLabel is not null).ToDictionary(m => m.CorpusLabel, m => m.ModelLabel!, StringComparer.OrdinalIgnoreCase);
        var kept = catalog.Where(c => c.Emotion is { } e && target.ContainsKey(e));
        // The model's own steps, frames included when it counts audio words.
        var extracted = CorpusExtractor.Run(kept, features, (options ?? new CorpusExtractionOptions()) with { Frames = model.Codebook is not null });
        var inputs = extracted.Clips.Select(c => new ModelInput(c.Features.Values, c.Features.Frames)).ToList();
        // A model that centres speakers reads each speaker's clips together, or the whole corpus as
        // one batch when its clips name no speaker (one recording set, adapted as a whole).
        var predictions = model.Options.Centring is null ? model.Predict(inputs)
            : model.PredictBySpeaker(inputs, [.. extracted.Clips.Select(c => c.Clip.Info.Actor)]);
        var sharedIndex = shared.Select(l => modelLabels.ToList().IndexOf(l)).ToArray();
        var restricted = predictions.Select(p => modelLabels[sharedIndex.MaxBy(i => p.Probabilities[i])]).ToList();
        var actual = extracted.Clips.Select(c => target[c.Clip.Emotion!]).ToList();
        var lenient = predictions.Select((p, i) => p.Emotion == Emotions.Calm && actual[i] == Emotions.Neutral ? Emotions.Neutral : p.Emotion).ToList();
        var predicted = modelLabels.Select(l => (l, predictions.Count(p => p.Emotion == l))).ToList();
        return new CorpusEvaluationResult(catalog.Root, EvaluationReport.FromPredictions(shared, actual, restricted),
            EvaluationReport.FromPredictions(modelLabels, actual, lenient), predicted, mapping, extracted.Failures);
    }
}
