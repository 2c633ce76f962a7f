using Emotion.Data;
using Emotion.Features;

namespace Emotion.Models;

/// <summary>Fits <see cref="EmotionModel"/>s: every step of one <see cref="PipelineOptions"/>, with a fixed seed.</summary>
/// <remarks>
/// For scikit-learn users: <c>Fit</c> returns a new model and leaves the trainer unchanged (no
/// fitted state ends in <c>_</c>); the seed plays <c>random_state</c>.
/// </remarks>
public sealed class EmotionTrainer
{
    /// <summary>A trainer for <paramref name="options"/>, seeded with <paramref name="seed"/>.</summary>
    public EmotionTrainer(PipelineOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Seed = seed;
    }

    /// <summary>The steps and their settings.</summary>
    public PipelineOptions Options { get; }

    /// <summary>Seed of every random choice in training.</summary>
    public int Seed { get; }

    /// <summary>Fits on every row of <paramref name="data"/>; the labels are all that occur in it.</summary>
    public EmotionModel Fit(FeatureTable data) => Fit(data, data.Labels);

    /// <summary>
    /// Fits on <paramref name="data"/> with a fixed label set (so fold models agree on label order):
    /// learns the codebook from these rows' frames, counts every row's words, centres each actor's
    /// rows when the options say so, trains the classifier, calibrates it.
    /// </summary>
    public EmotionModel Fit(FeatureTable data, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(labels);
        if (data.Rows.Count == 0)
            throw new InsufficientDataException("No rows to train on.");
        var keys = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        var labelKeys = data.Rows.Select(r => keys.TryGetValue(r.Emotion, out int k) ? k
            : throw new ArgumentException($"{r.Path}: label '{r.Emotion}' is not one of {string.Join(", ", labels)}.", nameof(data))).ToArray();

        AudioCodebook? codebook = null;
        var learner = data;
        if (Options.Words is { } words)
        {
            if (!data.HasFrames)
                throw new ArgumentException("These options count audio words: the training rows need their frames (extract with frames).", nameof(data));
            codebook = AudioCodebook.Learn([.. data.Rows.Select(r => r.Frames!)], words, Seed);
            learner = WithWords(data, codebook);
        }
        if (Options.Centring is { } centring)
        {
            centring.Validate();
            learner = SpeakerNormalisation.ByActor(learner);
        }
        var classifier = Options.Model.Fit(learner, labelKeys, labels.Count, Seed);
        var model = new EmotionModel(classifier, Options with { Calibration = null }, labels, data.FeatureNames, codebook);
        if (Options.Calibration is not { } calibration)
            return model;
        // The held-out scores come from the classifier a search chose, not from the search again:
        // that would cost as many searches as folds to pick (nearly always) the same settings.
        var settled = Options with { Model = Options.Model.Settled(classifier), Calibration = null };
        return model.WithCalibration(Options, Calibrate(data, labels, calibration, settled));
    }

    /// <summary>
    /// The temperature that makes held-out scores honest: <paramref name="uncalibrated"/> fitted on
    /// each inner fold of <paramref name="data"/> (by speaker when every clip names one and there are
    /// enough speakers, else stratified), scoring the clips it held out.
    /// </summary>
    private ScoreCalibration Calibrate(FeatureTable data, IReadOnlyList<string> labels, CalibrationOptions options, PipelineOptions uncalibrated)
    {
        var speakers = data.Rows.Select(r => r.Actor).Distinct().ToList();
        var folds = speakers.Contains(null) || speakers.Count < options.Folds
            ? Folds.Stratified(data, options.Folds, Seed)
            : Folds.ByActor(data, options.Folds);
        var inner = new EmotionTrainer(uncalibrated, Seed);
        var keys = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        var scores = new List<float[]>();
        var truth = new List<int>();
        foreach (var fold in folds)
        {
            var heldOut = data.Select(fold.Test);
            scores.AddRange(inner.Fit(data.Select(fold.Train), labels).Scores(heldOut));
            truth.AddRange(heldOut.Rows.Select(r => keys[r.Emotion]));
        }
        return ScoreCalibration.Fit(scores, truth);
    }

    /// <summary>Every row with its word counts appended, as the classifier reads it.</summary>
    private static FeatureTable WithWords(FeatureTable data, AudioCodebook codebook)
    {
        var rows = new FeatureRow[data.Rows.Count];
        Parallel.For(0, rows.Length, i => rows[i] = data.Rows[i] with { Features = EmotionModel.WithWords(ModelInput.Of(data.Rows[i]), codebook) });
        return new FeatureTable([.. data.FeatureNames, .. Enumerable.Range(0, codebook.Options.CodebookSize).Select(k => $"word_{k}")], rows);
    }
}
