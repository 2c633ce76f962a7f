using Emotion.Data;
using Emotion.Models;

namespace Emotion.Evaluation;

/// <summary>Speaker-independent results when each test speaker's clips arrive in batches of one size.</summary>
/// <param name="BatchSize">Clips per batch; null when a batch is all of the speaker's clips.</param>
/// <param name="All">Actor folds over every clip.</param>
/// <param name="Speech">The same predictions, scored on the speech clips alone.</param>
public sealed record AdaptationPoint(int? BatchSize, CrossValidationResult All, CrossValidationResult Speech);

/// <summary>
/// How much <see cref="SpeakerNormalisation"/> gains with the number of unlabelled clips at hand per
/// speaker: a model trained on actor-centred features, tested by actor folds where each held-out
/// speaker's clips are shuffled into batches of k and each batch is centred on its own mean, as a
/// user who uploads k clips of one voice together would have them.
/// </summary>
public static class SpeakerAdaptation
{
    /// <summary>One point per entry of <paramref name="batchSizes"/> (null: all of a speaker's clips at once).</summary>
    public static IReadOnlyList<AdaptationPoint> Run(FeatureTable table, PipelineOptions model, IReadOnlyList<int?> batchSizes, int seed, IProgress<BatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batchSizes);
        if (batchSizes.Any(k => k < 1))
            throw new ArgumentOutOfRangeException(nameof(batchSizes), "Batch sizes must be at least 1.");
        var labels = table.Labels;
        var folds = Folds.ByActor(table, Protocols.FoldCount);
        var models = new EmotionModel[folds.Count];
        int done = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Parallel.For(0, folds.Count, f =>
        {
            models[f] = new EmotionTrainer(model, seed).Fit(SpeakerNormalisation.ByActor(table.Select(folds[f].Train)), labels);
            progress?.Report(new BatchProgress(Interlocked.Increment(ref done), folds.Count, clock.Elapsed));
        });
        var tests = folds.Select(f => table.Select(f.Test)).ToList();
        var descriptions = folds.Select(f => f.Description).ToList();
        return [.. batchSizes.Select(k =>
        {
            var all = new EvaluationReport[folds.Count];
            var speech = new EvaluationReport[folds.Count];
            for (int f = 0; f < folds.Count; f++)
            {
                var test = tests[f];
                var predicted = Predict(models[f], test, k, seed);
                all[f] = EvaluationReport.FromPredictions(labels, [.. test.Rows.Select(r => r.Emotion)], predicted);
                var spoken = Enumerable.Range(0, test.Rows.Count).Where(i => test.Rows[i].Clip.VocalChannel == VocalChannel.Speech).ToList();
                speech[f] = EvaluationReport.FromPredictions(labels, [.. spoken.Select(i => test.Rows[i].Emotion)], [.. spoken.Select(i => predicted[i])]);
            }
            return new AdaptationPoint(k, new CrossValidationResult(all, descriptions), new CrossValidationResult(speech, descriptions));
        })];
    }

    /// <summary>Predictions for <paramref name="test"/>'s rows, in order, each speaker's rows centred batch by batch.</summary>
    private static string[] Predict(EmotionModel model, FeatureTable test, int? batchSize, int seed)
    {
        var predicted = new string[test.Rows.Count];
        var random = new Random(seed);
        foreach (var speaker in test.Rows.Select((row, i) => (row, i)).GroupBy(p => p.row.Actor))
        {
            int[] order = [.. speaker.Select(p => p.i)];
            random.Shuffle(order);
            foreach (var batch in order.Chunk(batchSize ?? order.Length))
            {
                var centred = SpeakerNormalisation.Centre([.. batch.Select(i => test.Rows[i].Features)]);
                var predictions = model.Predict([.. centred.Select(c => new ModelInput(c))]);
                for (int b = 0; b < batch.Length; b++)
                    predicted[batch[b]] = predictions[b].Emotion;
            }
        }
        return predicted;
    }
}
