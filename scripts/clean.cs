// Step 2: the reference's cleaning of step 1's table: feature columns coerced to numbers, rows with a
// missing value or label dropped, rows renumbered (notebook 02 makes the same call).
//   dotnet run scripts/clean.cs
// Reads data/features.csv, writes data/features-clean.csv and reports/02-clean.md (folders: AnalysisSettings).
#:project ../lib/Emotion.Reporting/Emotion.Reporting.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Analysis;
using Emotion.Cli;
using Emotion.Reporting;

var settings = ScriptConsole.Initialize();
var command = new RootCommand("Clean the feature table.");
command.SetAction(_ => ScriptConsole.Guard(() =>
{
    var cleaning = Steps.Clean(settings);
    return ScriptConsole.Publish(cleaning, Reports.Cleaning(cleaning), settings.Report("02-clean.md"));
}));
return command.Parse(args).Invoke();
