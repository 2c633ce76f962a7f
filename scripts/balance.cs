// Step 4: every emotion downsampled to the smallest, then shuffled: the reference's balancing
// (notebook 04 makes the same call).
//   dotnet run scripts/balance.cs -- [--seed 42]
// Reads data/features-clean.csv, writes data/features-balanced.csv and reports/04-balance.md (folders: AnalysisSettings).
#:project ../lib/Emotion.Reporting/Emotion.Reporting.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Analysis;
using Emotion.Cli;
using Emotion.Reporting;

var settings = ScriptConsole.Initialize();
var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => settings.Seed };
var command = new RootCommand("Balance the classes by downsampling.") { seed };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    var run = settings with { Seed = parsed.GetValue(seed) };
    var balance = Steps.Balance(run);
    return ScriptConsole.Publish(balance, Reports.Balance(balance), run.Report("04-balance.md"));
}));
return command.Parse(args).Invoke();
