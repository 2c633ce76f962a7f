// Step 5: the reference's baseline under both evaluations: a random forest with scikit-learn's
// defaults and the SVM comparison, each by the reference's protocol (5-fold CV on the 80% split, test
// on the 20%) and speaker-independently (5 folds of actors). Notebook 05 makes the same call.
//   dotnet run scripts/baseline.cs -- [--seed 42]
// Reads data/features-balanced.csv, writes reports/05-baseline.md and .html (folders: AnalysisSettings).
#:project ../lib/Emotion.Reporting/Emotion.Reporting.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Analysis;
using Emotion.Cli;
using Emotion.Reporting;

var settings = ScriptConsole.Initialize();
var seed = new Option<int>("--seed") { Description = "Random seed (random_state).", DefaultValueFactory = _ => settings.Seed };
var command = new RootCommand("Baseline random forest and SVM under both evaluations.") { seed };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    var run = settings with { Seed = parsed.GetValue(seed) };
    var baseline = ConsoleProgress.Run("baseline", 1, _ => Steps.Baseline(run), unit: "steps");
    return ScriptConsole.Publish(baseline, Reports.Baseline(baseline, run.Seed), run.Report("05-baseline.md"));
}));
return command.Parse(args).Invoke();
