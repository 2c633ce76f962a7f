// Speaker-independent results table: feature sets x learners on the same actor folds, written to
// reports/speaker-independent.md (per-fold accuracy and UAR, mean and spread, confusion matrices),
// and how speaker normalisation gains with the clips of a speaker at hand to reports/speaker-adaptation.md.
//   dotnet run scripts/extract.cs -- --data data/ravdess-wav --out data/features.csv
//   dotnet run scripts/extract.cs -- --data data/ravdess-wav --out data/features-extended.csv --extended
// Also: whether the audio words gain by recognising RAVDESS's two sentences, to reports/unheard-sentence.md.
//   dotnet run scripts/compare.cs -- [--reference data/features.csv] [--in data/features-extended.csv] [--data data/ravdess-wav] [--report reports/speaker-independent.md] [--adaptation-report reports/speaker-adaptation.md] [--sentence-report reports/unheard-sentence.md] [--seed 42]
#:project ../lib/Emotion.Reporting/Emotion.Reporting.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Cli;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Features;
using Emotion.Models;
using Emotion.Reporting;
using Spectre.Console;

var settings = ScriptConsole.Initialize();
var reference = new Option<FileInfo>("--reference") { Description = "Feature CSV with the reference's 80 MFCC statistics (extract.cs), all clips.", DefaultValueFactory = _ => new("data/features.csv") };
var input = new Option<FileInfo>("--in") { Description = "Feature CSV with the extended features (extract.cs --extended), all clips.", DefaultValueFactory = _ => new("data/features-extended.csv") };
var data = new Option<DirectoryInfo>("--data") { Description = "Corpus folder the CSVs' paths are relative to (audio words read the clips' frames).", DefaultValueFactory = _ => new("data/ravdess-wav") };
var report = new Option<FileInfo>("--report") { Description = "Markdown results table to write.", DefaultValueFactory = _ => new("reports/speaker-independent.md") };
var adaptationReport = new Option<FileInfo>("--adaptation-report") { Description = "Markdown table of speaker normalisation by clips per speaker to write.", DefaultValueFactory = _ => new("reports/speaker-adaptation.md") };
var sentenceReport = new Option<FileInfo>("--sentence-report") { Description = "Markdown report of held-out speakers saying a sentence unheard in training, to write.", DefaultValueFactory = _ => new("reports/unheard-sentence.md") };
var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 42 };
var command = new RootCommand("Compare feature sets and learners speaker-independently.") { reference, input, data, report, adaptationReport, sentenceReport, seed };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    int s = parsed.GetValue(seed);
    // 1. Load: the reference's features (absolute level in mfcc_0) and the extended ones (utterance trimmed of silence, level-normalised).
    var mfcc = FeatureTable.ReadCsv(parsed.GetValue(reference)!.FullName);
    var extended = FeatureTable.ReadCsv(parsed.GetValue(input)!.FullName);
    var words = ConsoleProgress.Run("audio word frames", extended.Rows.Count,
        progress => WordFrames.Extract(parsed.GetValue(data)!.FullName, extended, FeatureExtractor.Extended, new AudioWordsOptions(), progress), unit: "clips");

    // 2. The candidates. On the reference's 80: its forest, the same without the clip's absolute
    //    level (mfcc_0's mean, ranked first by permutation importance on held-out actors), and other
    //    learners. On the extended set: the spectral functionals alone, then with prosody, the
    //    hyperparameters chosen inside each training fold (nested); audio words alone and beside
    //    them (the codebook learned in each training fold); last, the extended set with every clip
    //    centred on its speaker's mean, which needs many unlabelled clips of the speaker.
    var withoutLevel = mfcc.SelectFeatures(name => name != "mfcc_0");
    var prosody = new ProsodyFeatures().FeatureNames.ToHashSet();
    var functionals = extended.SelectFeatures(name => !prosody.Contains(name));
    var forest = RandomForestOptions.ReferenceTuned with { MaximumDepth = null };
    Candidate[] candidates =
    [
        new("MFCC-80, tuned forest (the reference method)", mfcc, forest),
        new("MFCC-80, linear SVM", mfcc, new LinearSvmOptions()),
        new("MFCC-80, maximum entropy", mfcc, new MaximumEntropyOptions()),
        new("MFCC-80, LightGBM", mfcc, new LightGbmOptions()),
        new("MFCC-80, RBF kernel ridge", mfcc, new KernelRidgeOptions()),
        new("MFCC-80 without level, tuned forest", withoutLevel, forest),
        new("MFCC-80 without level, RBF kernel ridge", withoutLevel, new KernelRidgeOptions()),
        new("MFCC-80 + functionals, tuned forest", functionals, forest),
        new("MFCC-80 + functionals, linear SVM", functionals, new LinearSvmOptions()),
        new("MFCC-80 + functionals, maximum entropy", functionals, new MaximumEntropyOptions()),
        new("MFCC-80 + functionals, LightGBM", functionals, new LightGbmOptions()),
        new("MFCC-80 + functionals, RBF kernel ridge", functionals, new KernelRidgeOptions()),
        new("+ prosody, maximum entropy", extended, new MaximumEntropyOptions()),
        new("+ prosody, LightGBM", extended, new LightGbmOptions()),
        new("+ prosody, RBF kernel ridge", extended, new KernelRidgeOptions()),
        new("+ prosody, RBF kernel ridge, chosen in training folds", extended, InnerSearchOptions.KernelRidgeGrid),
        new("audio words alone, RBF kernel ridge", extended.SelectFeatures(_ => false).WithWords(words), new KernelRidgeOptions()),
        new("+ prosody + audio words, RBF kernel ridge", extended.WithWords(words), new KernelRidgeOptions()),
        new("+ prosody + audio words, RBF kernel ridge, chosen in training folds (the bundled model)", extended.WithWords(words), InnerSearchOptions.KernelRidgeGrid),
        new("+ prosody, RBF kernel ridge, chosen in training folds, each speaker's clips centred on their mean (needs all of a speaker's clips)", SpeakerNormalisation.ByActor(extended), InnerSearchOptions.KernelRidgeGrid),
    ];

    // 3. Cross-validate all on the same actor folds, with speech alone too.
    var results = ConsoleProgress.Run("candidates", candidates.Length, progress => Comparison.Run(candidates, s, progress), unit: "candidates");

    // 4. Write the table.
    var page = Reports.Comparison(results,
        $"{mfcc.Rows.Count} clips; MFCC-80 rows read `{parsed.GetValue(reference)!.Name}` (the reference's features), the rest `{parsed.GetValue(input)!.Name}` (each clip trimmed of the silence around the utterance and scaled to one RMS first); audio words count a 256-word codebook of MFCC+delta frames of the same trimmed clips, learned from each fold's training clips alone", s);
    page.Save(parsed.GetValue(report)!.FullName);
    // 5. Speaker normalisation when a speaker's clips come k at a time, as a user would upload them.
    int?[] batchSizes = [2, 4, 8, 16, 32, null];
    var adaptation = ConsoleProgress.Run("speaker adaptation", Protocols.FoldCount, progress => SpeakerAdaptation.Run(extended, InnerSearchOptions.KernelRidgeGrid, batchSizes, s, progress), unit: "folds");
    new MarkdownReport("Speaker normalisation by clips per speaker")
        .Paragraph($"{extended.Rows.Count} clips of `{parsed.GetValue(input)!.Name}`; the bundled learner trained on features centred on each training actor's mean; each held-out actor's clips shuffled into batches of k, each batch centred on its own mean, by the same 5 actor folds (seed {s}). One clip alone centres to zero: single clips need the bundled model, which does not centre.")
        .Adaptation(adaptation)
        .Save(parsed.GetValue(adaptationReport)!.FullName);
    // 6. Held-out speakers saying the sentence training never heard: a gain that only recognises
    //    RAVDESS's two sentences would vanish here.
    var sentence = new MarkdownReport("Held-out speakers, unheard sentence")
        .Paragraph($"{extended.Rows.Count} clips; the 5 actor folds, each trained on one statement of the training actors and tested on the other statement of the held-out actors (10 folds, seed {s}); RBF kernel ridge.");
    foreach (var (name, table) in new[] { ("+ prosody (212)", extended), ("+ prosody + audio words (468)", extended.WithWords(words)) })
    {
        var result = CrossValidation.Run(table, new KernelRidgeOptions(), Folds.ByActorAndStatement(table, Protocols.FoldCount), s);
        sentence.Heading(name).Folds(result);
        AnsiConsole.MarkupLineInterpolated($"unheard sentence, {name}: UAR {100 * result.MeanUar:F1}% ± {100 * result.UarSpread:F1}");
    }
    sentence.Save(parsed.GetValue(sentenceReport)!.FullName);
    foreach (var point in adaptation)
        AnsiConsole.MarkupLineInterpolated($"speaker-centred in batches of {point.BatchSize?.ToString() ?? "all"}: UAR {100 * point.All.MeanUar:F1}% ± {100 * point.All.UarSpread:F1}");
    foreach (var row in results)
        AnsiConsole.MarkupLineInterpolated($"{row.Candidate.Name}: UAR {100 * row.All.MeanUar:F1}% ± {100 * row.All.UarSpread:F1} (speech alone {100 * row.Speech.MeanUar:F1}%)");
}));
return command.Parse(args).Invoke();
