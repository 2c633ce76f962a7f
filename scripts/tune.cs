// Step 6: grid search over the forest by 5-fold CV on the reference's 80% split; the winner under
// both evaluations, per-class metrics and confusion matrices; then the final model, trained on
// every clean clip, saved as the model bundle.
//   dotnet run scripts/tune.cs -- [--balanced data/features-balanced.csv] [--all data/features-clean.csv]
//        [--model models/reference-forest.model.zip] [--report reports/06-tune.md] [--seed 42] [--quick]
#:project ../lib/Emotion.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Bundle;
using Emotion.Cli;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Reporting;
using Spectre.Console;

ScriptConsole.Initialize();
var balancedPath = new Option<FileInfo>("--balanced") { Description = "Balanced CSV: the grid search and the reference protocol run on it.", DefaultValueFactory = _ => new("data/features-balanced.csv") };
var allPath = new Option<FileInfo>("--all") { Description = "Cleaned CSV: the final model trains on all of it.", DefaultValueFactory = _ => new("data/features-clean.csv") };
var modelPath = new Option<FileInfo>("--model") { Description = "Model bundle to write.", DefaultValueFactory = _ => new(ModelBundle.ReferenceForestRelativePath) };
var report = new Option<FileInfo>("--report") { Description = "Markdown report (charts beside it as .html).", DefaultValueFactory = _ => new("reports/06-tune.md") };
var seed = new Option<int>("--seed") { Description = "Random seed (random_state).", DefaultValueFactory = _ => 42 };
var quick = new Option<bool>("--quick") { Description = "Search two candidates only (smoke runs)." };
var command = new RootCommand("Tune the forest, evaluate the winner, save the model bundle.") { balancedPath, allPath, modelPath, report, seed, quick };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    int s = parsed.GetValue(seed);
    // 1. Load.
    var balanced = FeatureTable.ReadCsv(parsed.GetValue(balancedPath)!.FullName);
    var all = FeatureTable.ReadCsv(parsed.GetValue(allPath)!.FullName);

    // 2. Search, evaluate the winner both ways, train it on every clip.
    var grid = parsed.GetValue(quick) ? Tuning.QuickGrid() : Protocols.ForestGrid();
    var result = ConsoleProgress.Run("grid search", grid.Count, progress => Tuning.Run(balanced, all, grid, s, progress), unit: "candidates");

    // 3. Save the bundle, the report and the charts.
    result.Bundle.Save(parsed.GetValue(modelPath)!.FullName);
    var path = parsed.GetValue(report)!.FullName;
    Tuning.Report(result, s).Save(path);
    ChartHtml.WritePage(Path.ChangeExtension(path, ".html"), "Tuned random forest", Tuning.Charts(result));
    AnsiConsole.WriteLine(Tuning.Report(result, s).ToString());
    AnsiConsole.MarkupLineInterpolated($"[green]model bundle[/] written to {parsed.GetValue(modelPath)!.FullName}");
}));
return command.Parse(args).Invoke();
