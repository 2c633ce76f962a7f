using Emotion.Data;
using Emotion.Models;

namespace Emotion.Evaluation;

/// <summary>Speaker-independent results when each test speaker's clips arrive in batches of one size.</summary>
/// <param name="BatchSize">Clips per batch; null when a batch is all of the speaker's clips.</param>
/// <param name="All">Actor folds over every clip.</param>
/// <param name="Speech">The same predictions, scored on the speech clips alone.</param>
public sealed record AdaptationPoint(int? BatchSize, CrossValidationResult All, CrossValidationResult Speech);

/// <summary>What speaker centring gains with the clips of one speaker at hand, beside one clip at a time.</summary>
/// <param name="Points">The centred pipeline, by clips per batch.</param>
/// <param name="SingleClip">The same pipeline without centring, one clip at a time, on the same folds.</param>
public sealed record AdaptationResult(IReadOnlyList<AdaptationPoint> Points, CrossValidationResult SingleClip);

/// <summary>
/// How much speaker centring (<see cref="SpeakerCentringOptions"/>) gains with the number of
/// unlabelled clips at hand per speaker: the pipeline fitted with centring on each actor fold's
/// training rows (degraded copies included), tested on the held-out speakers' recorded clips
/// shuffled into batches of k, each batch centred on its own mean, as a user who gives k clips of
/// one voice together would have them; beside the same pipeline without centring, one clip at a time.
/// </summary>
public static class SpeakerAdaptation
{
    /// <summary>One point per entry of <paramref name="batchSizes"/> (null: all of a speaker's clips at once).</summary>
    public static AdaptationResult Run(FeatureTable table, PipelineOptions pipeline, IReadOnlyList<int?> batchSizes, int seed, IProgress<BatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(batchSizes);
        if (batchSizes.Any(k => k < 1))
            throw new ArgumentOutOfRangeException(nameof(batchSizes), "Batch sizes must be at least 1.");
        var labels = table.Labels;
        var folds = Folds.ByActor(table, Protocols.FoldCount);
        var descriptions = folds.Select(f => f.Description).ToList();
        var single = CrossValidation.Run(table, pipeline with { Centring = null }, folds, seed, progress: BatchProgress.Staged(progress, "one clip at a time"));
        var centring = pipeline with { Centring = pipeline.Centring ?? SpeakerCentringOptions.Default };
        var models = new EmotionModel[folds.Count];
        int done = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var centred = BatchProgress.Staged(progress, "centred");
        Parallel.For(0, folds.Count, f =>
        {
            models[f] = new EmotionTrainer(centring, seed).Fit(table.Select(folds[f].Train), labels);
            centred?.Report(new BatchProgress(Interlocked.Increment(ref done), folds.Count, clock.Elapsed));
        });
        var tests = folds.Select(f => table.Select(f.Test)).ToList();
        var points = batchSizes.Select(k =>
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
        }).ToList();
        return new AdaptationResult(points, single);
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
                // Below the model's minimum on purpose: the points say where that minimum should be.
                var scores = model.Scores([.. batch.Select(i => ModelInput.Of(test.Rows[i]))], oneSpeaker: true);
                for (int b = 0; b < batch.Length; b++)
                    predicted[batch[b]] = model.ToPrediction(scores[b]).Emotion;
            }
        }
        return predicted;
    }
}
