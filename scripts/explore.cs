// Step 3: class counts (overall, by speech/song, by gender) and MFCC histograms in batches, as an offline HTML page.
//   dotnet run scripts/explore.cs -- [--in data/features-clean.csv] [--out reports/03-explore.html]
#:project ../lib/Emotion.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Cli;
using Emotion.Data;
using Emotion.Reporting;
using Spectre.Console;

ScriptConsole.Initialize();
var input = new Option<FileInfo>("--in") { Description = "Cleaned feature CSV.", DefaultValueFactory = _ => new("data/features-clean.csv") };
var output = new Option<FileInfo>("--out") { Description = "HTML page to write.", DefaultValueFactory = _ => new("reports/03-explore.html") };
var command = new RootCommand("Plot the class balance and feature distributions.") { input, output };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    // 1. Load.
    var table = FeatureTable.ReadCsv(parsed.GetValue(input)!.FullName);

    // 2. Chart the counts and the histograms, 20 features per grid.
    var charts = new[] { Charts.ClassCounts(table), Charts.ClassCounts(table, "vocal_channel"), Charts.ClassCounts(table, "gender") }
        .Concat(Enumerable.Range(0, (table.FeatureNames.Count + 19) / 20).Select(b => Charts.FeatureHistograms(table, 20 * b, 20)));

    // 3. Write the page.
    ChartHtml.WritePage(parsed.GetValue(output)!.FullName, "Feature exploration", charts);
    ScriptConsole.Table("clips per emotion", table.ClassCounts().Select(c => (c.Label, c.Count.ToString())));
    AnsiConsole.MarkupLineInterpolated($"[green]charts written[/] to {parsed.GetValue(output)!.FullName}");
}));
return command.Parse(args).Invoke();
