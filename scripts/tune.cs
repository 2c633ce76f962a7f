// Step 6: grid search over the forest by 5-fold CV on the reference's 80% split; the winner under
// both evaluations, per-class metrics and confusion matrices; then the final model, trained on every
// clean clip, saved as models/reference-forest.model.zip (notebook 06 makes the same call).
//   dotnet run scripts/tune.cs -- [--seed 42] [--quick]
// Reads data/features-balanced.csv and data/features-clean.csv, writes the bundle and reports/06-tune.md (folders: AnalysisSettings).
#:project ../lib/Emotion.Reporting/Emotion.Reporting.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Analysis;
using Emotion.Cli;
using Emotion.Reporting;

var settings = ScriptConsole.Initialize();
var seed = new Option<int>("--seed") { Description = "Random seed (random_state).", DefaultValueFactory = _ => settings.Seed };
var quick = new Option<bool>("--quick") { Description = "Search two candidates only (smoke runs)." };
var command = new RootCommand("Grid-search the forest, evaluate the winner both ways, save its bundle.") { seed, quick };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    var run = settings with { Seed = parsed.GetValue(seed), Quick = settings.Quick || parsed.GetValue(quick) };
    var tuning = ConsoleProgress.Run("grid search", 0, progress => Steps.Tune(run, progress), unit: "candidates");
    return ScriptConsole.Publish(tuning, Reports.Tuning(tuning, run.Seed), run.Report("06-tune.md"));
}));
return command.Parse(args).Invoke();
