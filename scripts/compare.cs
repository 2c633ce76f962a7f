// The speaker-independent results table: every feature set × learner of Candidates.Full on the same
// actor folds, to reports/speaker-independent.md (per-fold accuracy and UAR, mean and spread,
// confusion matrices, speech alone); how speaker normalisation gains with the clips of one speaker
// at hand, to reports/speaker-adaptation.md; and whether the audio words gain by recognising
// RAVDESS's two sentences, to reports/unheard-sentence.md.
//   dotnet run scripts/extract.cs -- --data data/ravdess-wav          (the reference's 80 features)
//   dotnet run scripts/compare.cs -- [--data data/ravdess-wav] [--seed 42]
// The extended features and the clips' frames come through the feature cache (data/.feature-cache).
#:project ../lib/Emotion.Reporting/Emotion.Reporting.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Analysis;
using Emotion.Cli;
using Emotion.Reporting;
using Spectre.Console;

var settings = ScriptConsole.Initialize();
var data = new Option<DirectoryInfo>("--data") { Description = "Corpus folder.", DefaultValueFactory = _ => new(settings.Corpus) };
var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => settings.Seed };
var command = new RootCommand("Compare feature sets and learners speaker-independently.") { data, seed };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    var run = settings with { Corpus = parsed.GetValue(data)!.FullName, Seed = parsed.GetValue(seed) };

    // 1. Every candidate on the same actor folds, speech alone too.
    var comparison = ConsoleProgress.Run("candidates", 0, progress => Steps.Compare(run, full: true, progress), unit: "candidates");
    int exit = ScriptConsole.Publish(comparison, Reports.Comparison(comparison, run.Seed), run.Report("speaker-independent.md"));

    // 2. Speaker centring by clips per speaker, beside the same recipe one clip at a time.
    var adaptation = ConsoleProgress.Run("speaker centring", 0, progress => Steps.SpeakerAdaptation(run, progress), unit: "steps");
    exit |= ScriptConsole.Publish(adaptation, Reports.Adaptation(adaptation, run.Seed), run.Report("speaker-adaptation.md"));

    // 3. Held-out speakers saying the sentence training never heard.
    var sentence = Steps.UnheardSentence(run);
    exit |= ScriptConsole.Publish(sentence, Reports.UnheardSentence(sentence, run.Seed), run.Report("unheard-sentence.md"));
    if (comparison.Succeeded)
        foreach (var row in comparison.Value.Rows)
            AnsiConsole.MarkupLineInterpolated($"{row.Candidate.Name}: UAR {100 * row.All.MeanUar:F1}% ± {100 * row.All.UarSpread:F1} (worst fold {100 * row.All.Folds.Min(f => f.UnweightedAverageRecall):F1}%, speech alone {100 * row.Speech.MeanUar:F1}%)");
    return exit;
}));
return command.Parse(args).Invoke();
