using Emotion.Audio.Channels;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Features;
using Emotion.Models;

namespace Emotion.Analysis;

/// <summary>
/// What the speaker-independent comparison tries: feature tables × learners, on the same actor
/// folds. <see cref="RobustBundled"/> is the recipe <c>best.cs</c> bundles; <see cref="Studio"/>, the best
/// on studio clips alone, ends the speaker-independent lists.
/// </summary>
public static class Candidates
{
    /// <summary>The best recipe on studio clips (the bundle before multi-condition training): audio words learned from the training rows beside the extended features, kernel ridge chosen in the training folds.</summary>
    public static PipelineOptions Studio { get; } = new() { Words = new AudioWordsOptions(), Model = InnerSearchOptions.KernelRidgeGrid };

    /// <summary>
    /// The bundled recipe for recordings beyond the studio: the extended features on 0-8 kHz and
    /// audio words, RBF kernel ridge, trained on every clip and three degraded copies of it, its
    /// confidence calibrated on held-out speakers. Best of <see cref="Robust"/> by the whole table;
    /// choosing kernel ridge's settings in the training folds, as the previous bundle did, scored
    /// no better once the copies joined the training data.
    /// </summary>
    public static RobustCandidate RobustBundled { get; } = new(
        "0-8 kHz extended + audio words, RBF kernel ridge, + 3 degraded copies, calibrated (the bundled model)",
        FeatureOptions.BandLimited,
        new PipelineOptions { Words = new AudioWordsOptions(), Model = new KernelRidgeOptions(), Calibration = CalibrationOptions.Default },
        AugmentationOptions.Default);

    /// <summary>
    /// <see cref="RobustBundled"/> adapted to one voice at a time: each speaker's rows centred on their
    /// mean (<see cref="SpeakerCentringOptions"/>), in training by actor and in use over a batch of at
    /// least 16 unlabelled clips of one speaker (<c>predict.cs --same-speaker</c>).
    /// </summary>
    public static RobustCandidate SpeakerAdapted { get; } = RobustBundled with
    {
        Name = "0-8 kHz extended + audio words, RBF kernel ridge, + 3 degraded copies, calibrated, each speaker's clips centred together (needs 16+ clips of one speaker)",
        Pipeline = RobustBundled.Pipeline with { Centring = SpeakerCentringOptions.Default },
    };

    /// <summary>
    /// The robustness table's recipes (<c>robustness.cs</c>, notebook 09): the previous bundle, trained
    /// on studio clips only; kernel ridge on the extended features, then with degraded copies; the
    /// band-limited features; audio words beside them with kernel ridge chosen in the training folds;
    /// and the bundled recipe last. <paramref name="quick"/> keeps the first and last
    /// in their plain-kernel-ridge form, for smoke runs.
    /// </summary>
    public static IReadOnlyList<RobustCandidate> Robust(bool quick)
    {
        var copies = AugmentationOptions.Default;
        var kernelRidge = new KernelRidgeOptions();
        if (quick)
        {
            return
            [
                new("212 extended, RBF kernel ridge, studio clips only", FeatureOptions.Extended, kernelRidge, null),
                new("0-8 kHz extended, RBF kernel ridge, + 1 degraded copy, calibrated", FeatureOptions.BandLimited,
                    new PipelineOptions { Model = kernelRidge, Calibration = CalibrationOptions.Default with { Folds = 3 } }, copies with { Copies = 1 }),
            ];
        }
        return
        [
            new("212 extended + audio words, kernel ridge chosen in training folds, studio clips only (the previous bundle)", FeatureOptions.Extended, Studio, null),
            new("212 extended, RBF kernel ridge, studio clips only", FeatureOptions.Extended, kernelRidge, null),
            new("212 extended, RBF kernel ridge, + 3 degraded copies", FeatureOptions.Extended, kernelRidge, copies),
            new("0-8 kHz extended, RBF kernel ridge, + 3 degraded copies", FeatureOptions.BandLimited, kernelRidge, copies),
            new("0-8 kHz extended + audio words, kernel ridge chosen in training folds, + 3 degraded copies, calibrated", FeatureOptions.BandLimited,
                new PipelineOptions { Words = new AudioWordsOptions(), Model = InnerSearchOptions.KernelRidgeGrid, Calibration = CalibrationOptions.Default }, copies),
            RobustBundled,
        ];
    }

    /// <summary>
    /// Notebook 08's short list: the reference method, kernel ridge, the extended features, the
    /// nested choice, and the bundled recipe. <paramref name="reference"/> holds the 80 MFCC
    /// statistics; <paramref name="extended"/> the extended features with frames.
    /// </summary>
    public static IReadOnlyList<Candidate> Short(FeatureTable reference, FeatureTable extended, bool quick)
    {
        var forest = RandomForestOptions.ReferenceTuned with { MaximumDepth = null, Trees = quick ? 50 : 200 };
        return
        [
            new("MFCC-80, tuned forest (reference method)", reference, forest),
            new("MFCC-80, RBF kernel ridge", reference, new KernelRidgeOptions()),
            new("212 extended, RBF kernel ridge", extended, new KernelRidgeOptions()),
            new("212 extended, kernel ridge chosen in training folds", extended, InnerSearchOptions.KernelRidgeGrid),
            new("212 extended + 256 audio words, kernel ridge chosen in training folds (the studio bundle)", extended, Studio),
        ];
    }

    /// <summary>
    /// The full results table of <c>compare.cs</c>: on the reference's 80, its forest, the same
    /// without the clip's absolute level (mfcc_0's mean), and other learners; on the extended set,
    /// the spectral functionals alone, then with prosody, chroma, the nested choice, audio words
    /// alone and beside them; last, the extended set with every clip centred on its speaker's mean,
    /// which needs many unlabelled clips of the speaker.
    /// </summary>
    public static IReadOnlyList<Candidate> Full(FeatureTable reference, FeatureTable extended, FeatureTable chroma)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(extended);
        var withoutLevel = reference.SelectFeatures(name => name != "mfcc_0");
        var prosody = new ProsodyFeatures().FeatureNames.ToHashSet();
        var functionals = extended.SelectFeatures(name => !prosody.Contains(name));
        var forest = RandomForestOptions.ReferenceTuned with { MaximumDepth = null };
        return
        [
            new("MFCC-80, tuned forest (the reference method)", reference, forest),
            new("MFCC-80, linear SVM", reference, new LinearSvmOptions()),
            new("MFCC-80, maximum entropy", reference, new MaximumEntropyOptions()),
            new("MFCC-80, LightGBM", reference, new LightGbmOptions()),
            new("MFCC-80, RBF kernel ridge", reference, new KernelRidgeOptions()),
            new("MFCC-80 without level, tuned forest", withoutLevel, forest),
            new("MFCC-80 without level, RBF kernel ridge", withoutLevel, new KernelRidgeOptions()),
            new("MFCC-80 + functionals, tuned forest", functionals, forest),
            new("MFCC-80 + functionals, LightGBM", functionals, new LightGbmOptions()),
            new("MFCC-80 + functionals, RBF kernel ridge", functionals, new KernelRidgeOptions()),
            new("+ prosody, LightGBM", extended, new LightGbmOptions()),
            new("+ prosody, RBF kernel ridge", extended, new KernelRidgeOptions()),
            new("+ prosody + chroma (236), RBF kernel ridge", chroma, new KernelRidgeOptions()),
            new("+ prosody, RBF kernel ridge, chosen in training folds", extended, InnerSearchOptions.KernelRidgeGrid),
            new("audio words alone, RBF kernel ridge", extended.SelectFeatures(_ => false), new PipelineOptions { Words = new AudioWordsOptions(), Model = new KernelRidgeOptions() }),
            new("+ prosody + audio words, RBF kernel ridge", extended, new PipelineOptions { Words = new AudioWordsOptions(), Model = new KernelRidgeOptions() }),
            new("+ prosody + audio words, RBF kernel ridge, chosen in training folds (the studio bundle, before multi-condition training)", extended, Studio),
            new("+ prosody, RBF kernel ridge, chosen in training folds, each speaker's clips centred on their mean (needs all of a speaker's clips)", SpeakerNormalisation.ByActor(extended.WithoutFrames()), InnerSearchOptions.KernelRidgeGrid),
        ];
    }
}
