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
using Emotion.Models;
using Emotion.Reporting;
using Spectre.Console;

ScriptConsole.Initialize();
var input = new Option<FileInfo>("--in") { Description = "Balanced feature CSV.", DefaultValueFactory = _ => new("data/features-balanced.csv") };
var report = new Option<FileInfo>("--report") { Description = "Markdown report to write (charts go beside it as .html).", DefaultValueFactory = _ => new("reports/05-baseline.md") };
var seed = new Option<int>("--seed") { Description = "Random seed (random_state).", DefaultValueFactory = _ => 42 };
var command = new RootCommand("Baseline random forest and SVM under both evaluations.") { input, report, seed };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    // 1. Load.
    var table = FeatureTable.ReadCsv(parsed.GetValue(input)!.FullName);

    // 2. Evaluate each model under both protocols.
    var models = new (string Name, ModelOptions Options)[] { ("random forest (scikit-learn defaults)", new RandomForestOptions()), ("linear SVM", new LinearSvmOptions()) };
    var results = models.Select(m => (m.Name, Result: Protocols.Compare(table, m.Options, parsed.GetValue(seed)))).ToList();

    // 3. Report.
    var path = parsed.GetValue(report)!.FullName;
    var markdown = new MarkdownReport("Baseline: random forest and SVM")
        .Paragraph($"{table.Rows.Count} balanced clips from `{parsed.GetValue(input)!.Name}`, seed {parsed.GetValue(seed)}. Reference protocol: stratified random 80/20 split; speaker-independent: 5 folds of actors.")
        .Comparisons(results)
        .Heading("Random forest, speaker-independent folds").Folds(results[0].Result.SpeakerIndependent);
    markdown.Save(path);
    ChartHtml.WritePage(Path.ChangeExtension(path, ".html"), "Baseline", [
        Charts.Scores([.. results.SelectMany(r => new[] { ($"{r.Name}: random split", r.Result.RandomSplitTest.Accuracy, r.Result.RandomSplitTest.UnweightedAverageRecall), ($"{r.Name}: by actor", r.Result.SpeakerIndependent.MeanAccuracy, r.Result.SpeakerIndependent.MeanUar) })], "Both evaluations"),
        Charts.ConfusionMatrix(results[0].Result.SpeakerIndependent.Pooled, "Random forest, speaker-independent")]);
    AnsiConsole.WriteLine(markdown.ToString());
}));
return command.Parse(args).Invoke();
