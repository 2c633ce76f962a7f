// Bundles the best model by the whole robustness table (reports/robustness.md): RBF kernel ridge,
// its settings chosen inside the training data by actor folds, on the extended features taken from
// 0-8 kHz (MFCC statistics, spectral functionals, prosody) and 256 audio words, trained on every
// clip and three degraded copies of it (band limits, codecs, noise, babble, rooms, microphones,
// gain, speed), its confidence calibrated on held-out speakers. Measured on held-out speakers clean
// and under each condition, evaluated like the reference's forest, fitted on everything, tested on
// EMOVO when decoded (data/emovo-wav), saved as the default bundle predict.cs and the app use
// (models/default.model.zip) with all of it on its card, and reports/best.md.
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
    return ScriptConsole.Publish(best, Reports.Tuning(best, run.Seed, "Bundled model: kernel ridge on 0-8 kHz features and audio words, multi-condition training, calibrated confidence"), run.Report("best.md"));
}));
return command.Parse(args).Invoke();
