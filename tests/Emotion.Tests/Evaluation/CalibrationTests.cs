using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Models;

namespace Emotion.Tests.Evaluation;

public class CalibrationTests
{
    [Fact]
    public void The_fitted_temperature_is_the_one_the_labels_were_drawn_with()
    {
        var random = new Random(5);
        var truth = new ScoreCalibration(0.2, 0);
        var scores = new List<float[]>();
        var labels = new List<int>();
        for (int i = 0; i < 4000; i++)
        {
            float[] row = [.. Enumerable.Range(0, 4).Select(_ => (float)random.NextDouble())];
            var p = truth.Probabilities(row);
            double u = random.NextDouble(), sum = 0;
            int label = 0;
            while (label < 3 && (sum += p[label]) < u)
                label++;
            scores.Add(row);
            labels.Add(label);
        }

        var fitted = ScoreCalibration.Fit(scores, labels);

        Assert.Equal(0.2, fitted.Temperature, tolerance: 0.02);
        Assert.Equal(4000, fitted.HeldOutClips);
    }

    [Fact]
    public void Probabilities_sum_to_one_and_keep_the_order_of_the_scores()
    {
        var p = new ScoreCalibration(0.1, 1).Probabilities([0.2f, 0.9f, -0.3f, 0.5f]);

        Assert.Equal(1, p.Sum(), tolerance: 1e-5);
        Assert.Equal([1, 3, 0, 2], p.Select((v, i) => (v, i)).OrderByDescending(x => x.v).Select(x => x.i));
    }

    [Fact]
    public void Calibration_leaves_every_answer_as_it_was_and_makes_the_confidence_honest_on_held_out_speakers()
    {
        var table = SyntheticTables.Clusters(actors: 10, perClassPerActor: 12, seed: 3);
        // Overlapping classes: squeeze the clusters together so that the model is often wrong.
        table = new FeatureTable(table.FeatureNames, [.. table.Rows.Select(r => r with { Features = [.. r.Features.Select((v, i) => i < 2 ? v * 0.35f : v)] })]);
        var folds = Folds.ByActor(table, 5);
        PipelineOptions plain = new KernelRidgeOptions();
        var calibrated = plain with { Calibration = CalibrationOptions.Default };
        var before = new List<(double, bool)>();
        var after = new List<(double, bool)>();
        foreach (var fold in folds)
        {
            var train = table.Select(fold.Train);
            var test = table.Select(fold.Test);
            var a = new EmotionTrainer(plain, 1).Fit(train, table.Labels).Predict(test);
            var b = new EmotionTrainer(calibrated, 1).Fit(train, table.Labels).Predict(test);
            Assert.Equal(a.Select(p => p.Emotion), b.Select(p => p.Emotion));
            before.AddRange(a.Select((p, i) => ((double)p.Confidence, p.Emotion == test.Rows[i].Emotion)));
            after.AddRange(b.Select((p, i) => ((double)p.Confidence, p.Emotion == test.Rows[i].Emotion)));
        }

        double uncalibrated = Reliability.From(before).ExpectedCalibrationError, honest = Reliability.From(after).ExpectedCalibrationError;
        Assert.True(honest < 0.08, $"calibrated ECE {honest:F3}");
        Assert.True(honest < uncalibrated, $"calibrated ECE {honest:F3}, uncalibrated {uncalibrated:F3}");
    }

    [Fact]
    public void Inner_folds_fall_back_to_stratified_when_clips_name_no_speaker()
    {
        var table = SyntheticTables.Clusters(actors: 4, perClassPerActor: 10, seed: 2);
        var anonymous = new FeatureTable(table.FeatureNames, [.. table.Rows.Select(r => r with { Clip = r.Clip with { Actor = null } })]);

        var model = new EmotionTrainer(new PipelineOptions { Model = new KernelRidgeOptions(), Calibration = CalibrationOptions.Default }, 1).Fit(anonymous);

        Assert.NotNull(model.Calibration);
        Assert.Equal(anonymous.Rows.Count, model.Calibration.HeldOutClips);
    }

    [Fact]
    public void The_expected_calibration_error_weighs_each_bin_by_its_answers()
    {
        // Ten answers at 0.9 of which six are right (gap 0.3), thirty at 0.55 of which half are right (gap 0.05).
        var answers = Enumerable.Range(0, 10).Select(i => (0.9, i < 6)).Concat(Enumerable.Range(0, 30).Select(i => (0.55, i % 2 == 0)));

        var reliability = Reliability.From(answers);

        Assert.Equal((10 * 0.3 + 30 * 0.05) / 40, reliability.ExpectedCalibrationError, tolerance: 1e-9);
        Assert.Equal(40, reliability.Count);
        Assert.Equal(0.6, reliability.Bins[9].Accuracy, tolerance: 1e-9);
        Assert.Equal(reliability.ExpectedCalibrationError, Reliability.Pool([Reliability.From(answers.Take(20)), Reliability.From(answers.Skip(20))]).ExpectedCalibrationError, tolerance: 1e-9);
    }
}
