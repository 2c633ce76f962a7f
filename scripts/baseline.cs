// Step 5: the reference's baseline under both evaluations: a default random forest (5-fold CV on
// the 80% split, test on the 20%) and the SVM comparison, plus speaker-independent CV of each.
//   dotnet run scripts/baseline.cs -- [--in data/features-balanced.csv] [--report reports/05-baseline.md] [--seed 42]
#:project ../lib/Emotion.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Cli;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Reporting;
using Spectre.Console;

ScriptConsole.Initialize();
var input = new Option<FileInfo>("--in") { Description = "Balanced feature CSV.", DefaultValueFactory = _ => new("data/features-balanced.csv") };
var report = new Option<FileInfo>("--report") { Description = "Markdown report to write (charts go beside it as .html).", DefaultValueFactory = _ => new("reports/05-baseline.md") };
var seed = new Option<int>("--seed") { Description = "Random seed (random_state).", DefaultValueFactory = _ => 42 };
var command = new RootCommand("Baseline random forest and SVM under both evaluations.") { input, report, seed };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    int s = parsed.GetValue(seed);
    // 1. Load.
    var table = FeatureTable.ReadCsv(parsed.GetValue(input)!.FullName);

    // 2. Evaluate the forest and the SVM under both protocols.
    var result = Baseline.Run(table, s);

    // 3. Report.
    var path = parsed.GetValue(report)!.FullName;
    var markdown = Baseline.Report(result, table.Rows.Count, s);
    markdown.Save(path);
    ChartHtml.WritePage(Path.ChangeExtension(path, ".html"), "Baseline", Baseline.Charts(result));
    AnsiConsole.WriteLine(markdown.ToString());
}));
return command.Parse(args).Invoke();
