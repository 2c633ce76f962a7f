using System.Globalization;
using System.Numerics.Tensors;
using Emotion.Audio;
using Emotion.Bundle;
using Emotion.Features;
using Emotion.Models;

namespace Emotion.Prediction;

/// <summary>The emotion of one window of a long clip.</summary>
/// <param name="Start">Window start in the clip, in seconds.</param>
/// <param name="End">Window end, in seconds.</param>
/// <param name="Emotion">Most probable label in the window.</param>
/// <param name="Confidence">Its probability.</param>
/// <param name="Probabilities">Every label's probability, in the model's label order.</param>
public sealed record TimelineSegment(double Start, double End, string Emotion, float Confidence, IReadOnlyList<float> Probabilities);

/// <summary>The log-mel spectrogram the model analysed, for drawing.</summary>
/// <param name="Frames">dB after the top_db clamp, frames × mel bands, thinned to at most <see cref="ClipAnalyzerOptions.SpectrogramFrames"/> frames.</param>
/// <param name="Start">Where it starts in the clip, in seconds (after the silence trimmed off).</param>
/// <param name="End">Where it ends, in seconds.</param>
/// <param name="TopDecibels">The dynamic range kept below the loudest bin (<c>top_db</c>).</param>
/// <param name="TopFrequency">The top of the highest mel band, in Hz.</param>
public sealed record SpectrogramView(float[][] Frames, double Start, double End, double TopDecibels, double TopFrequency);

/// <summary>What makes an answer one to take with care.</summary>
public enum CautionKind
{
    /// <summary>No emotion stands out: the model's confidence is low.</summary>
    LowConfidence,

    /// <summary>The recording carries only a telephone's band, which the model knows from simulation only.</summary>
    NarrowBand,

    /// <summary>The recording is clipped (overdriven): its loudest stretches sit flat at full scale.</summary>
    Clipped,
}

/// <summary>Why an answer should be taken with care, in plain words for the person who gave the clip.</summary>
/// <param name="Kind">What kind of doubt.</param>
/// <param name="Message">The doubt in a sentence.</param>
public sealed record Caution(CautionKind Kind, string Message);

/// <summary>The emotion of a clip, and what, if anything, makes the answer unsure.</summary>
/// <param name="Prediction">The model's answer; its confidence is calibrated when the bundle's pipeline calibrates.</param>
/// <param name="Bandwidth">The highest frequency the recording carries, in Hz (<see cref="AudioAnalysis.Bandwidth"/>).</param>
/// <param name="Cautions">Every reason for doubt; empty when there is none.</param>
public sealed record ClipPrediction(EmotionPrediction Prediction, double Bandwidth, IReadOnlyList<Caution> Cautions)
{
    /// <summary>Whether there is a reason to doubt the answer.</summary>
    public bool Unsure => Cautions.Count > 0;
}

/// <summary>One file of a batch given together: its answer, or why it could not be analysed.</summary>
/// <param name="Path">The file.</param>
/// <param name="Verdict">The emotion and any reasons for doubt; null when the file could not be analysed.</param>
/// <param name="Problem">What is wrong with the file; null when it was classified.</param>
public sealed record BatchVerdict(string Path, ClipPrediction? Verdict, string? Problem);

/// <summary>Everything shown about a clip: the answer and its doubts, the timeline for long clips, and pictures of the sound.</summary>
/// <param name="Verdict">The emotion of the whole clip and the reasons to doubt it.</param>
/// <param name="Duration">Length of the clip.</param>
/// <param name="Timeline">Sliding-window emotions; empty for clips shorter than <see cref="ClipAnalyzerOptions.TimelineFrom"/>.</param>
/// <param name="Waveform">Envelope: (min, max) sample of each of <see cref="ClipAnalyzerOptions.WaveformPoints"/> equal slices.</param>
/// <param name="Spectrogram">What the model analysed.</param>
public sealed record ClipAnalysis(ClipPrediction Verdict, TimeSpan Duration, IReadOnlyList<TimelineSegment> Timeline, IReadOnlyList<(float Min, float Max)> Waveform, SpectrogramView Spectrogram)
{
    /// <summary>The emotion of the whole clip.</summary>
    public EmotionPrediction Prediction => Verdict.Prediction;
}

/// <summary>Settings of <see cref="ClipAnalyzer"/>.</summary>
public sealed record ClipAnalyzerOptions
{
    /// <summary>What an upload may declare (rates, channels, duration). Default <see cref="AudioLimits.Default"/>.</summary>
    public AudioLimits Limits { get; init; } = AudioLimits.Default;

    /// <summary>Shortest clip classified. Default 0.5 s.</summary>
    public TimeSpan MinimumDuration { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Peak level, after removing any constant offset, at or below which a clip counts as silent. Default 0.001 (−60 dBFS).</summary>
    public float SilencePeak { get; init; } = 0.001f;

    /// <summary>Least voiced sound (frames with a pitch, or near one: <see cref="VoiceAperiodicity"/>) a clip must hold to be speech or song. Default 0.1 s.</summary>
    public TimeSpan MinimumVoiced { get; init; } = TimeSpan.FromSeconds(0.1);

    /// <summary>
    /// Sounding frames whose <see cref="PitchFrame.Aperiodicity"/> is below this count as voiced for
    /// <see cref="MinimumVoiced"/>, even where the pitch tracker's stricter threshold found no pitch.
    /// Default 0.5: breathy, noisy and distant recordings stay in (24 of EMOVO's 588 clips and 8 of
    /// RAVDESS's 2036 have under 0.1 s of pitch at the tracker's 0.15; none at 0.5), while white, pink
    /// and brown noise, filtered or not, at 8-48 kHz and any level, reach 0.03 s at most.
    /// </summary>
    public double VoiceAperiodicity { get; init; } = 0.5;

    /// <summary>Clips at least this long also get a timeline. Default 6 s.</summary>
    public TimeSpan TimelineFrom { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>Timeline window length (about one RAVDESS utterance). Default 3 s.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Timeline step between windows. Default 1.5 s.</summary>
    public TimeSpan Hop { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Slices in the waveform envelope. Default 600.</summary>
    public int WaveformPoints { get; init; } = 600;

    /// <summary>Most spectrogram frames returned. Default 400.</summary>
    public int SpectrogramFrames { get; init; } = 400;

    /// <summary>
    /// A confidence below this makes the answer unsure. Default 0.4: with a calibrated bundle, about
    /// two answers in five that low are right, where a confident one is right far more often.
    /// </summary>
    public double UnsureBelow { get; init; } = 0.4;

    /// <summary>A recording that carries nothing above this many Hz is narrow-band (a telephone line carries 3.4 kHz). Default 4500.</summary>
    public double NarrowBandBelow { get; init; } = 4500;

    /// <summary>
    /// A recording with at least this share of its samples at 95% of full scale or beyond is clipped.
    /// Default 0.002: none of RAVDESS's 2036 clips or EMOVO's 588 reach it (34 RAVDESS clips peak
    /// above 90% without a flat top); EMOVO raised 20 dB, 265 of 588 do. Raised 20 dB, the bundled
    /// model's UAR falls from 30.3% to 27.2% on EMOVO and from 68.2% to 66.2% on RAVDESS's held-out
    /// speakers (training on copies raised up to 12 dB did not help: 66.1%).
    /// </summary>
    public double ClippedShare { get; init; } = 0.002;
}

/// <summary>
/// Classifies a clip with a model bundle and describes it for display, from one analysis of the
/// clip: the prediction, the timeline's windows and the spectrogram all read it. Thread-safe.
/// </summary>
public sealed class ClipAnalyzer
{
    private readonly ModelBundle _bundle;
    private readonly ClipAnalyzerOptions _options;
    private readonly AudioLoadOptions _load;

    /// <summary>An analyzer over <paramref name="bundle"/>.</summary>
    public ClipAnalyzer(ModelBundle bundle, ClipAnalyzerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        _bundle = bundle;
        _options = options ?? new ClipAnalyzerOptions();
        _load = bundle.Features.LoadOptions with { Limits = _options.Limits };
    }

    /// <summary>The settings in force.</summary>
    public ClipAnalyzerOptions Options => _options;

    /// <summary>Decodes file <paramref name="content"/> (named <paramref name="name"/>) and analyzes it.</summary>
    /// <exception cref="AudioFormatException">The content is not readable audio.</exception>
    /// <exception cref="UnusableClipException">The clip is too short, too long, silent or holds no voice.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was signalled.</exception>
    public ClipAnalysis Analyze(byte[] content, string name, CancellationToken cancel = default) =>
        Analyze(AudioFile.Load(content, name, _load, cancel), name, cancel);

    /// <summary>Analyzes a clip already at the bundle's sample rate; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="UnusableClipException">The clip is too short, silent or holds no voice.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was signalled.</exception>
    public ClipAnalysis Analyze(AudioClip clip, string name, CancellationToken cancel = default)
    {
        var (analysis, verdict) = Classify(clip, name, cancel);
        return new ClipAnalysis(verdict, clip.Duration, Timeline(analysis), Envelope(clip.Samples), Spectrogram(analysis));
    }

    /// <summary>The emotion of the audio file at <paramref name="path"/>, after the same checks as <see cref="Analyze(AudioClip, string, CancellationToken)"/>, without the pictures.</summary>
    /// <exception cref="AudioFormatException">The file is missing or not readable audio.</exception>
    /// <exception cref="UnusableClipException">The clip is too short, too long, silent or holds no voice.</exception>
    public ClipPrediction Predict(string path, CancellationToken cancel = default) =>
        Classify(AudioFile.Load(path, _load, cancel), path, cancel).Verdict;

    /// <summary>
    /// The emotions of audio files that are all of one speaker, read together: a bundle that centres
    /// speakers reads each clip against the mean of them all; any other classifies each on its own.
    /// Files that cannot be analysed get their problem and are left out of the batch.
    /// </summary>
    /// <exception cref="InsufficientDataException">The bundle centres speakers and fewer usable files than it needs remain.</exception>
    public IReadOnlyList<BatchVerdict> PredictSpeaker(IReadOnlyList<string> paths, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var results = new BatchVerdict[paths.Count];
        // Only what the model reads and what the recording says are kept per file, not the whole analysis.
        var usable = new List<(int Index, ModelInput Input, Recording Recording)>();
        for (int i = 0; i < paths.Count; i++)
        {
            try
            {
                var clip = AudioFile.Load(paths[i], _load, cancel);
                var analysis = Checked(clip, paths[i], cancel);
                usable.Add((i, _bundle.Input(analysis), Recording.Of(clip, analysis)));
            }
            catch (AudioException e)
            {
                results[i] = new BatchVerdict(paths[i], null, e.Problem);
            }
        }
        var predictions = _bundle.Model.PredictSpeaker([.. usable.Select(u => u.Input)]);
        for (int k = 0; k < usable.Count; k++)
        {
            var (index, _, recording) = usable[k];
            results[index] = new BatchVerdict(paths[index], new ClipPrediction(predictions[k], recording.Bandwidth, Cautions(predictions[k], recording)), null);
        }
        return results;
    }

    private (AudioAnalysis Analysis, ClipPrediction Verdict) Classify(AudioClip clip, string name, CancellationToken cancel)
    {
        var analysis = Checked(clip, name, cancel);
        var prediction = _bundle.Predict(analysis);
        var recording = Recording.Of(clip, analysis);
        return (analysis, new ClipPrediction(prediction, recording.Bandwidth, Cautions(prediction, recording)));
    }

    /// <summary>The bundle's analysis of a clip that passes the checks: long enough, not silent, voiced.</summary>
    private AudioAnalysis Checked(AudioClip clip, string name, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(clip);
        CheckUsable(clip, name);
        var analysis = _bundle.Features.Analyze(clip, cancel);
        CheckVoiced(analysis, name);
        return analysis;
    }

    private List<Caution> Cautions(EmotionPrediction prediction, Recording recording)
    {
        var cautions = new List<Caution>();
        if (prediction.Confidence < _options.UnsureBelow)
        {
            var runnerUp = _bundle.Model.Labels.Zip(prediction.Probabilities).Where(p => p.First != prediction.Emotion).MaxBy(p => p.Second);
            cautions.Add(new Caution(CautionKind.LowConfidence, string.Create(CultureInfo.InvariantCulture,
                $"No emotion stands out: {prediction.Emotion} at {100 * prediction.Confidence:F0}% is the best guess, {runnerUp.First} at {100 * runnerUp.Second:F0}% comes next.")));
        }
        if (recording.Bandwidth < _options.NarrowBandBelow)
            cautions.Add(new Caution(CautionKind.NarrowBand, string.Create(CultureInfo.InvariantCulture,
                $"The recording carries nothing above about {recording.Bandwidth / 1000:0.0} kHz, like a telephone line; the model was trained on full-band studio voices and knows such audio only from simulation, so the answer is less reliable.")));
        if (recording.Clipped >= _options.ClippedShare)
            cautions.Add(new Caution(CautionKind.Clipped, string.Create(CultureInfo.InvariantCulture,
                $"The recording is clipped: {100 * recording.Clipped:0.0#}% of it sits flat at full scale, which distorts the voice, and the model never heard clipped audio, so the answer is less reliable; record with the level lower.")));
        return cautions;
    }

    /// <summary>What the recording itself says about how far to trust an answer.</summary>
    /// <param name="Bandwidth">The highest frequency it carries, in Hz.</param>
    /// <param name="Clipped">The share of its samples at 95% of full scale or beyond (not at 100%: resampling rings around the flat tops).</param>
    private readonly record struct Recording(double Bandwidth, double Clipped)
    {
        public static Recording Of(AudioClip clip, AudioAnalysis analysis)
        {
            int flat = 0;
            foreach (float sample in clip.Samples)
                if (Math.Abs(sample) >= 0.95f)
                    flat++;
            return new Recording(analysis.Bandwidth(), clip.Samples.Length == 0 ? 0 : flat / (double)clip.Samples.Length);
        }
    }

    private void CheckUsable(AudioClip clip, string name)
    {
        if (clip.Duration < _options.MinimumDuration)
            throw new UnusableClipException(name, string.Create(CultureInfo.InvariantCulture,
                $"the clip lasts {clip.Duration.TotalSeconds:F2} s; at least {_options.MinimumDuration.TotalSeconds:F1} s of speech is needed"));
        // A constant offset (a microphone's DC) is not sound: measure the peak around the mean.
        float mean = TensorPrimitives.Sum(clip.Samples) / clip.Samples.Length;
        float peak = Math.Max(TensorPrimitives.Max(clip.Samples) - mean, mean - TensorPrimitives.Min(clip.Samples));
        if (peak <= _options.SilencePeak)
            throw new UnusableClipException(name, string.Create(CultureInfo.InvariantCulture,
                $"the clip is silent (peak level {20 * Math.Log10(Math.Max(peak, 1e-10)):F0} dBFS{(Math.Abs(mean) > _options.SilencePeak ? ", besides a constant offset" : "")}); check the microphone or the file"));
    }

    private void CheckVoiced(AudioAnalysis analysis, string name)
    {
        var pitch = analysis.Pitch;
        double voiced = pitch.Frames.Count(f => f.Voiced || (f.Sounding && f.Aperiodicity < _options.VoiceAperiodicity)) * pitch.HopSeconds;
        if (voiced < _options.MinimumVoiced.TotalSeconds)
            throw new UnusableClipException(name, string.Create(CultureInfo.InvariantCulture,
                $"no voice found: the clip has {voiced:F2} s of voice-like (periodic) sound, and speech or song needs at least {_options.MinimumVoiced.TotalSeconds:F1} s; it may be noise or silence"));
    }

    private List<TimelineSegment> Timeline(AudioAnalysis analysis)
    {
        if (analysis.Clip.Duration < _options.TimelineFrom)
            return [];
        int window = (int)Math.Round(_options.Window.TotalSeconds / analysis.FrameSeconds);
        int hop = Math.Max(1, (int)Math.Round(_options.Hop.TotalSeconds / analysis.FrameSeconds));
        var segments = new List<TimelineSegment>();
        for (int first = 0; first + window <= analysis.FrameCount; first += hop)
        {
            analysis.Cancellation.ThrowIfCancellationRequested();
            var slice = analysis.Slice(first, window);
            var prediction = _bundle.Predict(slice);
            segments.Add(new TimelineSegment((analysis.ClipStart + slice.Start).TotalSeconds, (analysis.ClipStart + slice.End).TotalSeconds,
                prediction.Emotion, prediction.Confidence, prediction.Probabilities));
        }
        return segments;
    }

    private (float Min, float Max)[] Envelope(float[] samples)
    {
        int points = Math.Min(_options.WaveformPoints, samples.Length);
        var envelope = new (float, float)[points];
        for (int p = 0; p < points; p++)
        {
            var slice = samples.AsSpan((int)((long)p * samples.Length / points), (int)((long)(p + 1) * samples.Length / points - (long)p * samples.Length / points));
            envelope[p] = (TensorPrimitives.Min(slice), TensorPrimitives.Max(slice));
        }
        return envelope;
    }

    private SpectrogramView Spectrogram(AudioAnalysis analysis)
    {
        var frames = analysis.MelFrames;
        int shown = Math.Min(frames.Count, _options.SpectrogramFrames);
        float[][] thinned = [.. Enumerable.Range(0, shown).Select(i => frames[(int)((long)i * frames.Count / shown)])];
        return new SpectrogramView(thinned, (analysis.ClipStart + analysis.Start).TotalSeconds, (analysis.ClipStart + analysis.End).TotalSeconds,
            analysis.Options.Mfcc.TopDecibels ?? 80, analysis.Options.Mfcc.HighFrequency ?? analysis.Options.Mfcc.SampleRate / 2.0);
    }
}
