using Emotion.Bundle;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Features;
using Emotion.Models;

namespace Emotion.Analysis;

/// <summary>What step 01 did: the corpus found and the features extracted into <paramref name="Output"/>.</summary>
/// <param name="Catalog">The clips found and their labels.</param>
/// <param name="Extraction">Features per clip, failures, cache hits and time.</param>
/// <param name="Output">The feature CSV written.</param>
public sealed record ExtractionStep(CorpusCatalog Catalog, CorpusExtractionResult Extraction, string Output);

/// <summary>What step 01 extracts and where to.</summary>
public sealed record ExtractionRequest
{
    /// <summary>The features. Default <see cref="FeatureExtractor.Default"/>, the reference's 80 MFCC statistics.</summary>
    public FeatureExtractor Features { get; init; } = FeatureExtractor.Default;

    /// <summary>How the corpus names its labels. Default <see cref="CorpusLayout.Auto"/>.</summary>
    public CorpusLayout Layout { get; init; } = CorpusLayout.Auto;

    /// <summary>The CSV to write; null: <see cref="AnalysisSettings.Features"/>. Default null.</summary>
    public string? Output { get; init; }

    /// <summary>Read and write the feature cache. Default true.</summary>
    public bool UseCache { get; init; } = true;

    /// <summary>The cache folder; null: <c>.feature-cache</c> beside the output. Default null.</summary>
    public string? CacheFolder { get; init; }
}

/// <summary>What step 04 did: the cleaned table and its balanced subset.</summary>
/// <param name="Before">Every clean clip.</param>
/// <param name="After">Every emotion downsampled to the smallest, shuffled.</param>
public sealed record BalanceStep(FeatureTable Before, FeatureTable After);

/// <summary>What step 07 found: the importance of every feature on held-out actors.</summary>
/// <param name="Model">The learner measured (the reference forest's settings).</param>
/// <param name="HeldOut">The actors held out, e.g. <c>actors 17-20</c>.</param>
/// <param name="Importances">Every feature, most important first.</param>
public sealed record ImportanceStep(PipelineOptions Model, string HeldOut, IReadOnlyList<FeatureImportance> Importances);

/// <summary>What the speaker-independent comparison found.</summary>
/// <param name="Rows">Every candidate's results on the same actor folds, in the order tried.</param>
/// <param name="Clips">Clips compared.</param>
public sealed record ComparisonStep(IReadOnlyList<ComparisonRow> Rows, int Clips)
{
    /// <summary>The last candidate: the bundled model's recipe.</summary>
    public ComparisonRow Default => Rows[^1];
}

/// <summary>What the robustness table found.</summary>
/// <param name="Rows">Every recipe's row, in the order tried; the bundled recipe last.</param>
/// <param name="Clips">Clips of the training corpus.</param>
/// <param name="Other">The other corpus's name, or null when there was none to test on.</param>
public sealed record RobustnessStep(IReadOnlyList<RobustnessRow> Rows, int Clips, string? Other);

/// <summary>
/// The reference analysis, one call per step (notebooks 01-07 and their scripts make the same
/// calls): each reads its input from <see cref="AnalysisSettings"/>' folders, writes its output there,
/// and returns what it found, or why it could not run on the data at hand.
/// </summary>
public static class Steps
{
    /// <summary>
    /// Step 01: extracts the features of every clip under <see cref="AnalysisSettings.Corpus"/> in
    /// parallel, through the cache, into one CSV (<paramref name="request"/>: which features, where;
    /// default the reference's 80 MFCC statistics into <see cref="AnalysisSettings.Features"/>).
    /// </summary>
    public static StepOutcome<ExtractionStep> Extract(AnalysisSettings settings, ExtractionRequest? request = null, IProgress<BatchProgress>? progress = null) =>
        Run(settings, () =>
        {
            request ??= new ExtractionRequest();
            string output = Path.GetFullPath(request.Output ?? settings.Features);
            var catalog = CorpusCatalog.Scan(settings.Corpus, request.Layout);
            if (catalog.Clips.Count == 0)
                throw new InsufficientDataException($"{catalog.Root} holds no audio files.");
            // Never overwrite what the user gave: the table goes to a .csv that is not an input.
            if (!output.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || catalog.Clips.Any(c => c.Path == output))
                throw new InvalidDataException($"{output}: the feature table must be a .csv file that is not one of the inputs.");
            var cache = request.UseCache ? FeatureCache.Open(request.CacheFolder ?? Path.Combine(Path.GetDirectoryName(output)!, ".feature-cache"), request.Features) : null;
            var extraction = CorpusExtractor.Run(catalog, request.Features, new CorpusExtractionOptions { Cache = cache, Progress = progress });
            if (extraction.Clips.Count == 0)
                throw new InsufficientDataException($"none of the {catalog.Clips.Count} clips under {catalog.Root} could be read.");
            FeatureCsv.Write(output, request.Features.FeatureNames, extraction.Clips.Select(c => (c.Clip.Info, c.Features.Values)));
            return new ExtractionStep(catalog, extraction, output);
        });

    /// <summary>Step 02: the reference's cleaning of step 01's table, written to <see cref="AnalysisSettings.CleanFeatures"/>.</summary>
    public static StepOutcome<CleaningResult> Clean(AnalysisSettings settings) =>
        Run(settings, () =>
        {
            var cleaning = FeatureFrame.Clean(FeatureFrame.ReadCsv(Input(settings.Features, "01-extract", "extract.cs")));
            FeatureTable.FromDataFrame(cleaning.Data).WriteCsv(settings.CleanFeatures);
            return cleaning;
        });

    /// <summary>Step 03: the clean table, to explore.</summary>
    public static StepOutcome<FeatureTable> Explore(AnalysisSettings settings) => Run(settings, () => FeatureTable.ReadCsv(Input(settings.CleanFeatures, "02-clean", "clean.cs")));

    /// <summary>Step 04: every emotion downsampled to the smallest, written to <see cref="AnalysisSettings.BalancedFeatures"/>.</summary>
    public static StepOutcome<BalanceStep> Balance(AnalysisSettings settings) =>
        Run(settings, () =>
        {
            var table = FeatureTable.ReadCsv(Input(settings.CleanFeatures, "02-clean", "clean.cs"));
            var balanced = table.Balance(settings.Seed);
            balanced.WriteCsv(settings.BalancedFeatures);
            return new BalanceStep(table, balanced);
        });

    /// <summary>Step 05: the reference's forest and the SVM on the balanced table, under both evaluations.</summary>
    public static StepOutcome<BaselineResult> Baseline(AnalysisSettings settings) =>
        Run(settings, () => Analysis.Baseline.Run(FeatureTable.ReadCsv(Input(settings.BalancedFeatures, "04-balance", "balance.cs")), settings.Seed));

    /// <summary>Step 06: the grid search, the winner under both evaluations, and its bundle trained on every clean clip, saved to <see cref="AnalysisSettings.ReferenceForest"/>.</summary>
    public static StepOutcome<TuningResult> Tune(AnalysisSettings settings, IProgress<BatchProgress>? progress = null) =>
        Run(settings, () =>
        {
            var grid = settings.Quick ? Tuning.QuickGrid() : Protocols.ForestGrid();
            var result = Tuning.Run(new TuningRequest
            {
                Balanced = FeatureTable.ReadCsv(Input(settings.BalancedFeatures, "04-balance", "balance.cs")),
                All = FeatureTable.ReadCsv(settings.CleanFeatures),
                Grid = grid,
                Seed = settings.Seed,
                Features = FeatureExtractor.Default,
            }, progress);
            result.Bundle.Save(settings.ReferenceForest);
            return result;
        });

    /// <summary>Step 07: permutation importance of the reference forest's learner, retrained without the last fold of actors and measured on them.</summary>
    public static StepOutcome<ImportanceStep> Importance(AnalysisSettings settings, int repeats = 5, IProgress<BatchProgress>? progress = null) =>
        Run(settings, () =>
        {
            var table = FeatureTable.ReadCsv(Input(settings.CleanFeatures, "02-clean", "clean.cs"));
            var options = ModelBundle.Load(Input(settings.ReferenceForest, "06-tune", "tune.cs")).Card.Model;
            var fold = Folds.ByActor(table, Protocols.FoldCount)[^1];
            var model = new EmotionTrainer(options, settings.Seed).Fit(table.Select(fold.Train), table.Labels);
            return new ImportanceStep(options, fold.Description, PermutationImportance.Compute(model, table.Select(fold.Test), repeats, settings.Seed, progress));
        });

    /// <summary>Step 08: the 212 extended features (MFCC statistics, spectral functionals, prosody of the trimmed, level-normalised utterance) of every clip, into <see cref="AnalysisSettings.ExtendedFeatures"/>.</summary>
    public static StepOutcome<ExtractionStep> ExtractExtended(AnalysisSettings settings, IProgress<BatchProgress>? progress = null) =>
        Extract(settings, new ExtractionRequest { Features = FeatureExtractor.Extended, Output = settings.ExtendedFeatures }, progress);

    /// <summary>
    /// Step 08 (<paramref name="full"/>: <c>compare.cs</c>'s whole table): candidates compared on
    /// the same actor folds (<see cref="Candidates"/>), the bundled recipe last; audio-word codebooks
    /// are learned inside each training fold from the clips' frames.
    /// </summary>
    public static StepOutcome<ComparisonStep> Compare(AnalysisSettings settings, bool full = false, IProgress<BatchProgress>? progress = null) =>
        Run(settings, () =>
        {
            var reference = FeatureTable.ReadCsv(Input(settings.Features, "01-extract", "extract.cs"));
            var extended = Frames(settings, FeatureExtractor.Extended, null);
            var candidates = full
                ? Candidates.Full(reference, extended, Frames(settings, new FeatureExtractor(FeatureOptions.Extended with { Sets = [.. FeatureOptions.Extended.Sets, FeatureSetKind.Chroma] }), null).WithoutFrames())
                : Candidates.Short(reference, extended, settings.Quick);
            return new ComparisonStep(Comparison.Run(candidates, settings.Seed, progress), extended.Rows.Count);
        });

    /// <summary>
    /// Held-out speakers saying the sentence training never heard (each actor fold trained on one
    /// statement, tested on the other), with and without audio words: a gain that only recognises
    /// RAVDESS's two sentences would vanish here.
    /// </summary>
    public static StepOutcome<IReadOnlyList<(string Name, CrossValidationResult Result)>> UnheardSentence(AnalysisSettings settings) =>
        Run<IReadOnlyList<(string, CrossValidationResult)>>(settings, () =>
        {
            var extended = Frames(settings, FeatureExtractor.Extended, null);
            var folds = Folds.ByActorAndStatement(extended, Protocols.FoldCount);
            return
            [
                ("+ prosody (212)", CrossValidation.Run(extended, new KernelRidgeOptions(), folds, settings.Seed)),
                ("+ prosody + audio words (468)", CrossValidation.Run(extended, new PipelineOptions { Words = new AudioWordsOptions(), Model = new KernelRidgeOptions() }, folds, settings.Seed)),
            ];
        });

    /// <summary>
    /// Step 09 (<c>robustness.cs</c>): every recipe of <see cref="Candidates.Robust"/> on held-out
    /// speakers, clean and under each condition of <see cref="Audio.Channels.Conditions.Standard"/>,
    /// and on <see cref="AnalysisSettings.OtherCorpus"/> when there is one.
    /// </summary>
    public static StepOutcome<RobustnessStep> Robustness(AnalysisSettings settings, IProgress<BatchProgress>? progress = null) =>
        Run(settings, () =>
        {
            var request = RobustnessRequest(settings);
            var rows = Candidates.Robust(settings.Quick).Select((c, i) => Analysis.Robustness.Evaluate(c, request, BatchProgress.Staged(progress, $"R{i + 1}"))).ToList();
            return new RobustnessStep(rows, request.Corpus.Clips.Count, request.Other?.Name);
        });

    /// <summary>
    /// The bundled model: <see cref="Candidates.RobustBundled"/> on every clip and its degraded copies,
    /// measured on held-out speakers clean and under every condition, evaluated both ways like the
    /// reference's forest, fitted on everything, tested on <see cref="AnalysisSettings.OtherCorpus"/>
    /// when there is one, and saved to <see cref="AnalysisSettings.DefaultModel"/> with all of it on its card.
    /// </summary>
    public static StepOutcome<TuningResult> Best(AnalysisSettings settings, IProgress<BatchProgress>? progress = null) =>
        Run(settings, () => Bundle(settings, Candidates.RobustBundled, settings.DefaultModel, progress));

    /// <summary>
    /// The same for <see cref="Candidates.SpeakerAdapted"/> (a batch of one speaker's clips at a time),
    /// saved to <see cref="AnalysisSettings.SpeakerModel"/>; every test centres each speaker's clips together.
    /// </summary>
    public static StepOutcome<TuningResult> SpeakerBest(AnalysisSettings settings, IProgress<BatchProgress>? progress = null) =>
        Run(settings, () => Bundle(settings, Candidates.SpeakerAdapted, settings.SpeakerModel, progress));

    private static TuningResult Bundle(AnalysisSettings settings, RobustCandidate candidate, string path, IProgress<BatchProgress>? progress)
    {
        var request = RobustnessRequest(settings);
        var prepared = Analysis.Robustness.Prepare(candidate, request, progress);
        var measured = Analysis.Robustness.Evaluate(candidate, request with { Other = null }, prepared, BatchProgress.Staged(progress, "conditions"));
        var (features, cache, all) = prepared;
        var result = Tuning.Run(new TuningRequest
        {
            Balanced = all.Balance(settings.Seed),
            All = all,
            Grid = [candidate.Pipeline],
            Features = features,
            Seed = settings.Seed,
            SpeakerIndependent = new CrossValidationResult(measured.Conditions.Clean.Folds, [.. Folds.ByActor(all, request.Folds).Select(f => f.Description)]),
        }, BatchProgress.Staged(progress, "reference protocol and final fit"));
        var other = request.Other is { } corpus
            ? CorpusEvaluation.Run(result.Bundle, corpus.Catalog, corpus.Labels, new CorpusExtractionOptions
            {
                Cache = cache,
                Progress = BatchProgress.Staged(progress, corpus.Name),
            })
            : null;
        var row = measured with { Other = other };
        var card = result.Bundle.Card with { Robustness = Analysis.Robustness.Summary(row, request.Other?.Name) };
        var bundle = new ModelBundle(result.Bundle.Model, result.Bundle.Features, card);
        bundle.Save(path);
        return result with { Bundle = bundle, Robustness = row };
    }

    /// <summary>
    /// Step 08: <see cref="Candidates.SpeakerAdapted"/> with 4, 8, ... clips of each held-out speaker
    /// centred together, beside the same recipe one clip at a time. Without calibration: a
    /// temperature never changes which emotion wins. <see cref="AnalysisSettings.Quick"/> leaves the
    /// degraded copies out.
    /// </summary>
    public static StepOutcome<AdaptationResult> SpeakerAdaptation(AnalysisSettings settings, IProgress<BatchProgress>? progress = null) =>
        Run(settings, () =>
        {
            var candidate = Candidates.SpeakerAdapted;
            candidate = candidate with { Pipeline = candidate.Pipeline with { Calibration = null }, Augmentation = settings.Quick ? null : candidate.Augmentation };
            var table = Analysis.Robustness.Prepare(candidate, RobustnessRequest(settings) with { Other = null }, progress).Training;
            return Evaluation.SpeakerAdaptation.Run(table, candidate.Pipeline, [4, 8, 16, 32, null], settings.Seed, progress);
        });

    /// <summary>The corpus, the other corpus and the cache of <paramref name="settings"/>, as the robustness table reads them.</summary>
    private static RobustnessRequest RobustnessRequest(AnalysisSettings settings)
    {
        OtherCorpus? other = null;
        if (settings.OtherCorpus is { } root)
        {
            string map = Path.Combine(root, "labels.txt");
            // "data/emovo-wav" is EMOVO decoded: the report names the corpus, not its format.
            string name = Path.GetFileName(root.TrimEnd('/', '\\'));
            name = name.EndsWith("-wav", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;
            other = new OtherCorpus(name, CorpusCatalog.Scan(root, CorpusLayout.Folders),
                File.Exists(map) ? LabelMap.Read(map, Emotions.Ravdess) : LabelMap.Default);
        }
        return new RobustnessRequest { Corpus = CorpusCatalog.Scan(settings.Corpus), Other = other, Seed = settings.Seed, CacheDirectory = settings.FeatureCache };
    }

    /// <summary>The card of the bundle at <paramref name="path"/>: what the model is and how well it does.</summary>
    public static StepOutcome<ModelCard> Card(AnalysisSettings settings, string path) => Run(settings, () => ModelBundle.Load(path).Card);

    /// <summary>Every labelled clip of the corpus with <paramref name="features"/> and its frames, through the cache (the frames serve audio words).</summary>
    private static FeatureTable Frames(AnalysisSettings settings, FeatureExtractor features, IProgress<BatchProgress>? progress)
    {
        var catalog = CorpusCatalog.Scan(settings.Corpus);
        var cache = FeatureCache.Open(settings.FeatureCache, features, frames: true);
        return CorpusExtractor.Run(catalog, features, new CorpusExtractionOptions { Cache = cache, Frames = true, Progress = progress }).ToTable();
    }

    /// <summary><paramref name="path"/>, which step <paramref name="notebook"/> writes; missing, a message saying to run that step first.</summary>
    private static string Input(string path, string notebook, string script) => File.Exists(path) ? path
        : throw new FileNotFoundException($"{path} does not exist yet: run step {notebook} first (notebooks/{notebook}.ipynb or scripts/{script}).", path);

    /// <summary>Runs a step; on the six samples, a step that needs more data says where to get it.</summary>
    private static StepOutcome<T> Run<T>(AnalysisSettings settings, Func<T> step)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(settings);
        var outcome = Step.Run(step);
        return outcome.Succeeded || !settings.SamplesOnly ? outcome
            : StepOutcome<T>.NotRun(
                $"{outcome.Problem!.TrimEnd('.')}. This run uses the six sample clips in data/samples; decode the shared RAVDESS corpus (../shared/data/ravdess-wav.sh \"$PWD/data/ravdess-wav\") or point EMOTION_CORPUS at yours.");
    }
}
