// Bundles the best model by the speaker-independent measure (reports/speaker-independent.md):
// RBF kernel ridge, its settings chosen inside the training data by actor folds, on the 212
// trimmed, level-normalised extended features (MFCC statistics, spectral functionals, prosody)
// and 256 audio words (a codebook of MFCC+delta frames learned from the training clips). Evaluated
// both ways like the reference's forest, fitted on every clip, saved as the default bundle
// predict.cs and the app use (models/default.model.zip), with reports/best.md.
//   dotnet run scripts/best.cs -- [--data data/ravdess-wav] [--seed 42]
#:project ../lib/Emotion.Reporting/Emotion.Reporting.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Analysis;
using Emotion.Cli;
using Emotion.Reporting;

var settings = ScriptConsole.Initialize();
var data = new Option<DirectoryInfo>("--data") { Description = "Corpus folder.", DefaultValueFactory = _ => new(settings.Corpus) };
var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => settings.Seed };
var command = new RootCommand("Train, evaluate and bundle the best speaker-independent model.") { data, seed };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    var run = settings with { Corpus = parsed.GetValue(data)!.FullName, Seed = parsed.GetValue(seed) };
    var best = ConsoleProgress.Run("best model", 0, progress => Steps.Best(run, progress), unit: "candidates");
    return ScriptConsole.Publish(best, Reports.Tuning(best, run.Seed, "Bundled model: RBF kernel ridge on MFCC statistics, spectral functionals, prosody and audio words"), run.Report("best.md"));
}));
return command.Parse(args).Invoke();
