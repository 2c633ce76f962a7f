// Step 3: class counts (overall, by speech/song, by gender) and feature histograms in batches
// (notebook 03 makes the same calls).
//   dotnet run scripts/explore.cs
// Reads data/features-clean.csv, writes reports/03-explore.md and .html (folders: AnalysisSettings).
#:project ../lib/Emotion.Reporting/Emotion.Reporting.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Analysis;
using Emotion.Cli;
using Emotion.Reporting;

var settings = ScriptConsole.Initialize();
var command = new RootCommand("Plot the class balance and feature distributions.");
command.SetAction(_ => ScriptConsole.Guard(() =>
{
    var table = Steps.Explore(settings);
    var (balance, distributions) = (Reports.ClassBalance(table), Reports.Distributions(table));
    return ScriptConsole.Publish(table, new ReportPage(balance.Report, [.. balance.Charts, .. distributions.Charts]), settings.Report("03-explore.md"));
}));
return command.Parse(args).Invoke();
