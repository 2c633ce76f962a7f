using Emotion.Audio;
using Emotion.Bundle;
using Emotion.Features;

namespace Emotion.Models;

/// <summary>A clip the analyzer will not classify: too short, or silent.</summary>
public sealed class UnusableClipException(string message) : Exception(message);

/// <summary>The emotion of one window of a long clip.</summary>
/// <param name="Start">Window start, in seconds.</param>
/// <param name="End">Window end, in seconds.</param>
/// <param name="Emotion">Most probable label in the window.</param>
/// <param name="Confidence">Its probability.</param>
/// <param name="Probabilities">Every label's probability, in the model's label order.</param>
public sealed record TimelineSegment(double Start, double End, string Emotion, float Confidence, IReadOnlyList<float> Probabilities);

/// <summary>Everything shown about a clip: the answer, the timeline for long clips, and pictures of the sound.</summary>
/// <param name="Prediction">The emotion of the whole clip.</param>
/// <param name="Duration">Length of the clip.</param>
/// <param name="Timeline">Sliding-window emotions; empty for clips shorter than <see cref="ClipAnalyzerOptions.TimelineFrom"/>.</param>
/// <param name="Waveform">Envelope: (min, max) sample of each of <see cref="ClipAnalyzerOptions.WaveformPoints"/> equal slices.</param>
/// <param name="Spectrogram">Log-mel spectrogram in dB, frames × mel bands, thinned to at most <see cref="ClipAnalyzerOptions.SpectrogramFrames"/> frames.</param>
public sealed record ClipAnalysis(EmotionPrediction Prediction, TimeSpan Duration, IReadOnlyList<TimelineSegment> Timeline, IReadOnlyList<(float Min, float Max)> Waveform, float[][] Spectrogram);

/// <summary>Settings of <see cref="ClipAnalyzer"/>.</summary>
public sealed record ClipAnalyzerOptions
{
    /// <summary>Shortest clip classified. Default 0.5 s.</summary>
    public TimeSpan MinimumDuration { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Peak level at or below which a clip counts as silent. Default 0.001 (−60 dBFS).</summary>
    public float SilencePeak { get; init; } = 0.001f;

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
}

/// <summary>Classifies a clip with a model bundle and describes it for display. Thread-safe.</summary>
public sealed class ClipAnalyzer
{
    private readonly ModelBundle _bundle;
    private readonly ClipAnalyzerOptions _options;
    private readonly MfccExtractor _spectrogram = new();

    /// <summary>An analyzer over <paramref name="bundle"/>.</summary>
    public ClipAnalyzer(ModelBundle bundle, ClipAnalyzerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        _bundle = bundle;
        _options = options ?? new ClipAnalyzerOptions();
    }

    /// <summary>Decodes file <paramref name="content"/> (named <paramref name="name"/>) and analyzes it.</summary>
    /// <exception cref="AudioFormatException">The content is not readable audio.</exception>
    /// <exception cref="UnusableClipException">The clip is too short or silent.</exception>
    public ClipAnalysis Analyze(byte[] content, string name) => Analyze(AudioFile.Load(content, name, _bundle.Features.LoadOptions));

    /// <summary>Analyzes a clip already at the bundle's sample rate.</summary>
    /// <exception cref="UnusableClipException">The clip is too short or silent.</exception>
    public ClipAnalysis Analyze(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (clip.Duration < _options.MinimumDuration)
            throw new UnusableClipException($"The clip lasts {clip.Duration.TotalSeconds:F2} s; at least {_options.MinimumDuration.TotalSeconds:F1} s of speech is needed.");
        float peak = clip.Samples.Max(Math.Abs);
        if (peak <= _options.SilencePeak)
            throw new UnusableClipException($"The clip is silent (peak level {20 * Math.Log10(Math.Max(peak, 1e-10)):F0} dBFS); check the microphone or the file.");

        var prediction = _bundle.Predict(clip);
        return new ClipAnalysis(prediction, clip.Duration, Timeline(clip), Envelope(clip.Samples), Thin(_spectrogram.MelSpectrogram(clip)));
    }

    private List<TimelineSegment> Timeline(AudioClip clip)
    {
        if (clip.Duration < _options.TimelineFrom)
            return [];
        int window = (int)(_options.Window.TotalSeconds * clip.SampleRate), hop = (int)(_options.Hop.TotalSeconds * clip.SampleRate);
        var starts = new List<int>();
        for (int start = 0; start + window <= clip.Samples.Length; start += hop)
            starts.Add(start);
        var features = starts.Select(s => _bundle.Features.Extract(new AudioClip(clip.Samples[s..(s + window)], clip.SampleRate))).ToList();
        var predictions = _bundle.Model.Predict(features);
        return [.. starts.Select((s, i) => new TimelineSegment(
            (double)s / clip.SampleRate, (double)(s + window) / clip.SampleRate, predictions[i].Emotion, predictions[i].Confidence, predictions[i].Probabilities))];
    }

    private (float Min, float Max)[] Envelope(float[] samples)
    {
        int points = Math.Min(_options.WaveformPoints, samples.Length);
        var envelope = new (float, float)[points];
        for (int p = 0; p < points; p++)
        {
            var slice = samples.AsSpan((int)((long)p * samples.Length / points), (int)((long)(p + 1) * samples.Length / points - (long)p * samples.Length / points));
            envelope[p] = (System.Numerics.Tensors.TensorPrimitives.Min(slice), System.Numerics.Tensors.TensorPrimitives.Max(slice));
        }
        return envelope;
    }

    private float[][] Thin(float[][] frames)
    {
        if (frames.Length <= _options.SpectrogramFrames)
            return frames;
        return [.. Enumerable.Range(0, _options.SpectrogramFrames).Select(i => frames[(int)((long)i * frames.Length / _options.SpectrogramFrames)])];
    }
}
