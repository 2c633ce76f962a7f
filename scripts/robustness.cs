// The robustness table (issue 14): every recipe of Candidates.Robust trained on speaker-independent
// folds of RAVDESS, with degraded copies of the training clips where it says so, tested on the
// held-out speakers clean and under each condition (band limits, telephone, Opus, noise, babble,
// a room, gain, speed), its confidence's calibration, speech and song apart; then fitted on every
// clip and tested on another corpus it never heard (EMOVO, data/emovo-wav, when decoded).
// Writes reports/robustness.md and its charts.
//   dotnet run scripts/robustness.cs -- [--data data/ravdess-wav] [--other data/emovo-wav] [--seed 42]
#:project ../lib/Emotion.Reporting/Emotion.Reporting.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Analysis;
using Emotion.Cli;
using Emotion.Reporting;

var settings = ScriptConsole.Initialize();
var data = new Option<DirectoryInfo>("--data") { Description = "Training corpus folder (RAVDESS).", DefaultValueFactory = _ => new(settings.Corpus) };
var other = new Option<DirectoryInfo?>("--other") { Description = "A corpus never trained on, <root>/<label>/<clip> with a labels.txt map (default: data/emovo-wav when present)." };
var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => settings.Seed };
var command = new RootCommand("Measure every recipe beyond the studio: conditions, calibration, another corpus.") { data, other, seed };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    var run = settings with
    {
        Corpus = parsed.GetValue(data)!.FullName,
        OtherCorpus = parsed.GetValue(other)?.FullName ?? settings.OtherCorpus,
        Seed = parsed.GetValue(seed),
    };
    var table = ConsoleProgress.Run("robustness", 0, progress => Steps.Robustness(run, progress), unit: "steps");
    return ScriptConsole.Publish(table, Reports.Robustness(table, run.Seed), run.Report("robustness.md"));
}));
return command.Parse(args).Invoke();
