// Step 7: permutation importance of each feature on held-out speakers: the reference forest's
// learner (from step 6's bundle) retrained without the last fold of actors, each feature shuffled on
// them in turn (notebook 07 makes the same call).
//   dotnet run scripts/importance.cs -- [--seed 42] [--repeats 5]
// Reads data/features-clean.csv and models/reference-forest.model.zip, writes reports/07-importance.md and .html.
#:project ../lib/Emotion.Reporting/Emotion.Reporting.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Analysis;
using Emotion.Cli;
using Emotion.Reporting;

var settings = ScriptConsole.Initialize();
var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => settings.Seed };
var repeats = new Option<int>("--repeats") { Description = "Shuffles per feature.", DefaultValueFactory = _ => 5 };
var command = new RootCommand("Permutation feature importance on held-out actors.") { seed, repeats };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    var run = settings with { Seed = parsed.GetValue(seed) };
    var importance = ConsoleProgress.Run("importance", 0, progress => Steps.Importance(run, parsed.GetValue(repeats), progress), unit: "features");
    return ScriptConsole.Publish(importance, Reports.Importance(importance), run.Report("07-importance.md"));
}));
return command.Parse(args).Invoke();
