// Bundles the best model by the whole robustness table (reports/robustness.md): RBF kernel ridge,
// its settings chosen inside the training data by actor folds, on the extended features taken from
// 0-8 kHz (MFCC statistics, spectral functionals, prosody) and 256 audio words, trained on every
// clip and three degraded copies of it (band limits, codecs, noise, babble, rooms, microphones,
// gain, speed), its confidence calibrated on held-out speakers. Measured on held-out speakers clean
// and under each condition, evaluated like the reference's forest, fitted on everything, tested on
// EMOVO when decoded (data/emovo-wav), saved as the default bundle predict.cs and the app use
// (models/default.model.zip) with all of it on its card, and reports/best.md.
// --same-speaker bundles the same recipe with each speaker's clips centred together instead
// (models/speaker.model.zip, reports/best-speaker.md): it reads 16 or more clips of one voice at once
// (predict.cs --same-speaker).
//   dotnet run scripts/best.cs -- [--data data/ravdess-wav] [--seed 42] [--same-speaker]
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
var sameSpeaker = new Option<bool>("--same-speaker") { Description = "Bundle the speaker-adapted model (models/speaker.model.zip) instead of the default." };
var command = new RootCommand("Train, evaluate and bundle the best speaker-independent model.") { data, seed, sameSpeaker };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    var run = settings with { Corpus = parsed.GetValue(data)!.FullName, Seed = parsed.GetValue(seed) };
    if (parsed.GetValue(sameSpeaker))
    {
        var adapted = ConsoleProgress.Run("speaker-adapted model", 0, progress => Steps.SpeakerBest(run, progress), unit: "steps");
        return ScriptConsole.Publish(adapted, Reports.Tuning(adapted, run.Seed, "Speaker-adapted model: the bundled recipe with each speaker's clips centred together (16 or more clips of one voice)"), run.Report("best-speaker.md"));
    }
    var best = ConsoleProgress.Run("best model", 0, progress => Steps.Best(run, progress), unit: "candidates");
    return ScriptConsole.Publish(best, Reports.Tuning(best, run.Seed, "Bundled model: kernel ridge on 0-8 kHz features and audio words, multi-condition training, calibrated confidence"), run.Report("best.md"));
}));
return command.Parse(args).Invoke();
