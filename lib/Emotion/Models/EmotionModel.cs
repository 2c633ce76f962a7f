using Emotion.Data;
using Emotion.Features;

namespace Emotion.Models;

/// <summary>A prediction: the most probable emotion, its probability, and every label's.</summary>
/// <param name="Emotion">The most probable label.</param>
/// <param name="Confidence">Its probability.</param>
/// <param name="Probabilities">Probability of each label, in <see cref="EmotionModel.Labels"/> order; they sum to 1.</param>
public sealed record EmotionPrediction(string Emotion, float Confidence, IReadOnlyList<float> Probabilities);

/// <summary>What a model reads of one clip: its feature vector, and its frames when the model counts audio words.</summary>
/// <param name="Features">The clip-level features, in <see cref="EmotionModel.FeatureNames"/> order.</param>
/// <param name="Frames">The clip's frames (<see cref="AudioAnalysis.WordFrames"/>); needed when the model has a codebook.</param>
public sealed record ModelInput(float[] Features, FrameMatrix? Frames = null)
{
    /// <summary>The input of a table row.</summary>
    public static ModelInput Of(FeatureRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ModelInput(row.Features, row.Frames);
    }
}

/// <summary>
/// A fitted pipeline (<see cref="PipelineOptions"/>): the learned audio-word codebook, if any, the
/// trained classifier and its calibration, from feature vectors (and frames) to emotions. Immutable and safe to
/// share between threads. <see cref="EmotionTrainer"/> makes one; the model bundle stores it with
/// what it needs to be used again.
/// </summary>
public sealed class EmotionModel
{
    private readonly IClassifier _classifier;

    internal EmotionModel(IClassifier classifier, PipelineOptions options, IReadOnlyList<string> labels, IReadOnlyList<string> featureNames, AudioCodebook? codebook, ScoreCalibration? calibration = null)
    {
        if ((options.Words is null) != (codebook is null))
            throw new ArgumentException("A model has a codebook exactly when its options count audio words.", nameof(codebook));
        if ((options.Calibration is null) != (calibration is null))
            throw new ArgumentException("A model has a fitted calibration exactly when its options calibrate.", nameof(calibration));
        _classifier = classifier;
        Options = options;
        Labels = labels;
        FeatureNames = featureNames;
        Codebook = codebook;
        Calibration = calibration;
    }

    /// <summary>The steps and settings it was fitted with.</summary>
    public PipelineOptions Options { get; }

    /// <summary>The labels, in the order of <see cref="EmotionPrediction.Probabilities"/>.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The clip-level features the model reads, in order (the audio words come on top).</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The audio-word codebook learned from the training rows, or null.</summary>
    public AudioCodebook? Codebook { get; }

    /// <summary>The temperature fitted on held-out training clips that makes the confidence honest, or null.</summary>
    public ScoreCalibration? Calibration { get; }

    /// <summary>Classifies one clip's input.</summary>
    /// <exception cref="InvalidOperationException">The model centres speakers (<see cref="PredictSpeaker"/>).</exception>
    public EmotionPrediction Predict(ModelInput input) => Predict([input])[0];

    /// <summary>Classifies many inputs in one pass, each on its own.</summary>
    /// <exception cref="InvalidOperationException">The model centres speakers: it reads clips of one speaker together (<see cref="PredictSpeaker"/>).</exception>
    public IReadOnlyList<EmotionPrediction> Predict(IReadOnlyList<ModelInput> inputs)
    {
        if (Options.Centring is { } centring)
            throw new InvalidOperationException($"This model centres each speaker's clips on their mean: give it {centring.MinimumClips} or more clips of one speaker together (PredictSpeaker), not clips one by one.");
        return [.. Scores(inputs, oneSpeaker: false).Select(ToPrediction)];
    }

    /// <summary>
    /// Classifies clips that are all of one speaker. A model that centres speakers reads each clip
    /// against the mean of them all; any other model classifies each on its own, as <see cref="Predict(IReadOnlyList{ModelInput})"/>.
    /// </summary>
    /// <exception cref="InsufficientDataException">The model centres speakers and fewer than <see cref="SpeakerCentringOptions.MinimumClips"/> clips were given.</exception>
    public IReadOnlyList<EmotionPrediction> PredictSpeaker(IReadOnlyList<ModelInput> clips)
    {
        ArgumentNullException.ThrowIfNull(clips);
        if (Options.Centring is { } centring && clips.Count < centring.MinimumClips)
            throw new InsufficientDataException($"This model reads a speaker's clips against their mean: it needs at least {centring.MinimumClips} clips of one speaker, and got {clips.Count}.");
        return [.. Scores(clips, oneSpeaker: true).Select(ToPrediction)];
    }

    /// <summary>
    /// The classifier's scores of each class for each input, before calibration; when the model
    /// centres speakers, <paramref name="oneSpeaker"/> says the inputs are one speaker's clips (any
    /// number of them: evaluations measure small batches too).
    /// </summary>
    internal float[][] Scores(IReadOnlyList<ModelInput> inputs, bool oneSpeaker)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var rows = LearnerRows(inputs);
        if (Options.Centring is null)
            return _classifier.Probabilities(rows);
        if (!oneSpeaker)
            throw new InvalidOperationException("This model centres each speaker's clips: score one speaker's clips together.");
        return _classifier.Probabilities(SpeakerNormalisation.Centre(rows));
    }

    /// <summary>
    /// Classifies clips of several speakers, <paramref name="speakers"/>[i] naming the speaker of
    /// <paramref name="inputs"/>[i]: each speaker's clips go through <see cref="PredictSpeaker"/> together.
    /// </summary>
    /// <exception cref="InsufficientDataException">The model centres speakers and a speaker has fewer clips than it needs.</exception>
    public IReadOnlyList<EmotionPrediction> PredictBySpeaker(IReadOnlyList<ModelInput> inputs, IReadOnlyList<string?> speakers)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return BySpeaker(inputs, speakers, PredictSpeaker);
    }

    /// <summary>Scores of every row of <paramref name="table"/>, each actor's rows centred together when the model centres speakers.</summary>
    internal float[][] Scores(FeatureTable table)
    {
        var inputs = table.Rows.Select(ModelInput.Of).ToList();
        if (Options.Centring is null)
            return Scores(inputs, oneSpeaker: false);
        table.RequireActors("a model that centres speakers");
        return BySpeaker(inputs, [.. table.Rows.Select(r => r.Actor)], clips => Scores(clips, oneSpeaker: true));
    }

    /// <summary>What <paramref name="each"/> gives for each speaker's inputs, put back in the inputs' order.</summary>
    private static T[] BySpeaker<T>(IReadOnlyList<ModelInput> inputs, IReadOnlyList<string?> speakers, Func<IReadOnlyList<ModelInput>, IReadOnlyList<T>> each)
    {
        if (speakers.Count != inputs.Count)
            throw new ArgumentException($"{inputs.Count} inputs and {speakers.Count} speakers.", nameof(speakers));
        var results = new T[inputs.Count];
        foreach (var speaker in Enumerable.Range(0, inputs.Count).GroupBy(i => speakers[i]))
        {
            int[] rows = [.. speaker];
            var answers = each([.. rows.Select(i => inputs[i])]);
            for (int r = 0; r < rows.Length; r++)
                results[rows[r]] = answers[r];
        }
        return results;
    }

    /// <summary>Turns a row of <see cref="Scores(IReadOnlyList{ModelInput}, bool)"/> into a prediction, calibrated when the model calibrates.</summary>
    internal EmotionPrediction ToPrediction(float[] scores)
    {
        var probabilities = Calibration?.Probabilities(scores) ?? Normalised(scores);
        // The highest score wins, calibrated or not (a temperature keeps the order; probabilities
        // can tie in rounding, or all be equal where no score is positive).
        int best = Array.IndexOf(scores, scores.Max());
        return new EmotionPrediction(Labels[best], probabilities[best], probabilities);
    }

    /// <summary>This model with <paramref name="calibration"/> turning its scores into probabilities.</summary>
    internal EmotionModel WithCalibration(PipelineOptions options, ScoreCalibration calibration) =>
        new(_classifier, options, Labels, FeatureNames, Codebook, calibration);

    /// <summary>Classifies every row of <paramref name="table"/>; a model that centres speakers reads each actor's rows together.</summary>
    /// <exception cref="InsufficientDataException">The model centres speakers and a row names no actor.</exception>
    public IReadOnlyList<EmotionPrediction> Predict(FeatureTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return [.. Scores(table).Select(ToPrediction)];
    }

    /// <summary>Writes the classifier's weights to <paramref name="stream"/> (options, labels and the codebook travel in the bundle beside it).</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _classifier.Save(stream);
    }

    /// <summary>Reads weights written by <see cref="Save"/> for a model of <paramref name="options"/>, with what was learned beside them.</summary>
    public static EmotionModel Load(Stream stream, PipelineOptions options, IReadOnlyList<string> labels, IReadOnlyList<string> featureNames, AudioCodebook? codebook, ScoreCalibration? calibration)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(featureNames);
        int width = featureNames.Count + (codebook?.Options.CodebookSize ?? 0);
        return new EmotionModel(options.Model.Load(stream, width), options, labels, featureNames, codebook, calibration);
    }

    /// <summary>What the classifier reads: each input's features, then its audio-word counts.</summary>
    internal float[][] LearnerRows(IReadOnlyList<ModelInput> inputs)
    {
        foreach (var input in inputs)
        {
            ArgumentNullException.ThrowIfNull(input, nameof(inputs));
            if (input.Features.Length != FeatureNames.Count)
                throw new ArgumentException($"The model reads {FeatureNames.Count} features; got {input.Features.Length}.", nameof(inputs));
        }
        if (Codebook is not { } codebook)
            return [.. inputs.Select(i => i.Features)];
        // Counting words is most of scoring a clip: in parallel, once every input is known good.
        var rows = new float[inputs.Count][];
        Parallel.For(0, rows.Length, i => rows[i] = WithWords(inputs[i], codebook));
        return rows;
    }

    /// <summary>The input's features with its audio-word counts appended.</summary>
    internal static float[] WithWords(ModelInput input, AudioCodebook codebook)
    {
        var frames = input.Frames ?? throw new ArgumentException("The model counts audio words: give each input its frames.", nameof(input));
        var row = new float[input.Features.Length + codebook.Options.CodebookSize];
        input.Features.CopyTo(row, 0);
        codebook.Encode(frames, row.AsSpan(input.Features.Length));
        return row;
    }

    /// <summary>Uncalibrated scores made to sum to 1 (one-versus-all scores need not).</summary>
    private static float[] Normalised(float[] scores)
    {
        float sum = scores.Sum(s => Math.Max(0, s));
        return sum > 0 ? [.. scores.Select(s => Math.Max(0, s) / sum)] : [.. scores.Select(_ => 1f / scores.Length)];
    }
}
