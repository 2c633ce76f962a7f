// Bundles the best model by the speaker-independent measure (reports/speaker-independent.md):
// RBF kernel ridge, its settings chosen inside the training data by actor folds, on the 212
// trimmed, level-normalised extended features (MFCC statistics, spectral functionals, prosody)
// and 256 audio words (a codebook of MFCC+delta frames, learned in each training fold). Evaluated
// both ways like the reference's forest, trained on every clip, saved as the default bundle
// predict.cs and the app use.
//   dotnet run scripts/best.cs -- [--in data/features-extended.csv] [--data data/ravdess-wav] [--model models/default.model.zip] [--report reports/best.md] [--seed 42]
#:project ../lib/Emotion.Reporting/Emotion.Reporting.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Bundle;
using Emotion.Cli;
using Emotion.Data;
using Emotion.Analysis;
using Emotion.Evaluation;
using Emotion.Reporting;
using Emotion.Features;
using Emotion.Models;
using Spectre.Console;

var settings = ScriptConsole.Initialize();
var input = new Option<FileInfo>("--in") { Description = "Feature CSV from extract.cs --extended (all clips).", DefaultValueFactory = _ => new("data/features-extended.csv") };
var data = new Option<DirectoryInfo>("--data") { Description = "Corpus folder the CSV's paths are relative to (audio words read the clips' frames).", DefaultValueFactory = _ => new("data/ravdess-wav") };
var modelPath = new Option<FileInfo>("--model") { Description = "Model bundle to write.", DefaultValueFactory = _ => new(ModelBundle.DefaultRelativePath) };
var report = new Option<FileInfo>("--report") { Description = "Markdown report to write.", DefaultValueFactory = _ => new("reports/best.md") };
var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 42 };
var command = new RootCommand("Train, evaluate and bundle the best speaker-independent model.") { input, data, modelPath, report, seed };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    int s = parsed.GetValue(seed);
    // 1. Load every clip with its frames for the audio words, and the reference's balanced subset for its protocol.
    var extended = FeatureTable.ReadCsv(parsed.GetValue(input)!.FullName);
    var all = extended.WithWords(ConsoleProgress.Run("audio word frames", extended.Rows.Count,
        progress => WordFrames.Extract(parsed.GetValue(data)!.FullName, extended, FeatureExtractor.Extended, new AudioWordsOptions(), progress), unit: "clips"));
    var balanced = all.Balance(s);

    // 2. Evaluate both ways and train on every clip.
    var result = ConsoleProgress.Run("best model", 1, progress => Tuning.Run(balanced, all, [InnerSearchOptions.KernelRidgeGrid], s, FeatureExtractor.Extended, progress), unit: "candidates");

    // 3. Save the bundle and the report.
    result.Bundle.Save(parsed.GetValue(modelPath)!.FullName);
    Reports.Tuning(Step.Run(() => result), s, "Bundled model: RBF kernel ridge on MFCC statistics, spectral functionals, prosody and audio words").Save(parsed.GetValue(report)!.FullName);
    AnsiConsole.MarkupLineInterpolated($"speaker-independent UAR {100 * result.SpeakerIndependentAll.MeanUar:F1}% ± {100 * result.SpeakerIndependentAll.UarSpread:F1}; reference protocol {100 * result.Best.RandomSplitTest.Accuracy:F1}%");
    AnsiConsole.MarkupLineInterpolated($"[green]model bundle[/] written to {parsed.GetValue(modelPath)!.FullName}");
}));
return command.Parse(args).Invoke();
