// Step 6: grid search over the forest by 5-fold CV on the reference's 80% split; the winner under
// both evaluations, per-class metrics and confusion matrices; then the final model, trained on
// every clean clip, saved as the model bundle.
//   dotnet run scripts/tune.cs -- [--balanced data/features-balanced.csv] [--all data/features-clean.csv]
//        [--model models/default.model.zip] [--report reports/06-tune.md] [--seed 42] [--quick]
#:project ../lib/Emotion.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Bundle;
using Emotion.Cli;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Features;
using Emotion.Models;
using Emotion.Reporting;
using Spectre.Console;

ScriptConsole.Initialize();
var balancedPath = new Option<FileInfo>("--balanced") { Description = "Balanced CSV: the grid search and the reference protocol run on it.", DefaultValueFactory = _ => new("data/features-balanced.csv") };
var allPath = new Option<FileInfo>("--all") { Description = "Cleaned CSV: the final model trains on all of it.", DefaultValueFactory = _ => new("data/features-clean.csv") };
var modelPath = new Option<FileInfo>("--model") { Description = "Model bundle to write.", DefaultValueFactory = _ => new(ModelBundle.DefaultRelativePath) };
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

    // 2. Grid search on the 80% training split.
    var train = balanced.Select(Protocols.ReferenceSplit(balanced, s).Train);
    var grid = parsed.GetValue(quick) ? [new RandomForestOptions { Trees = 50 }, RandomForestOptions.ReferenceTuned with { Trees = 50 }] : Protocols.ForestGrid();
    var search = ConsoleProgress.Run("grid search", grid.Count, progress => GridSearch.Run(train, grid, Folds.Stratified(train, Protocols.FoldCount, s), s, progress));

    // 3. The winner under both protocols, and speaker-independent on all clips (as the final model trains).
    var best = Protocols.Compare(balanced, search.Best, s);
    var speakerIndependent = CrossValidation.Run(all, search.Best, Folds.ByActor(all, Protocols.FoldCount), s);

    // 4. Train on every clean clip and bundle.
    var model = new EmotionTrainer(search.Best, s).Fit(all);
    var card = new ModelCard
    {
        FormatVersion = ModelBundle.CurrentFormatVersion,
        Created = DateTimeOffset.UtcNow,
        Model = search.Best,
        Seed = s,
        Labels = model.Labels,
        Features = new FeatureSpec(FeatureExtractor.Default.Settings, FeatureExtractor.Default.Fingerprint, model.FeatureNames),
        Training = new TrainingSummary($"{all.Rows.Count} clips of {parsed.GetValue(allPath)!.Name}: RAVDESS speech and song, {all.Rows.Select(r => r.Actor).Distinct().Count()} actors", all.Rows.Count, all.ClassCounts().ToDictionary(c => c.Label, c => c.Count)),
        ReferenceProtocol = MetricSummary.From($"stratified random 80/20 split of {balanced.Rows.Count} balanced clips (the reference's protocol; speakers leak into training)", best.RandomSplitTest),
        SpeakerIndependent = MetricSummary.From($"5-fold cross-validation grouped by actor over {all.Rows.Count} clips (no test speaker heard in training)", speakerIndependent),
    };
    var bundle = new ModelBundle(model, FeatureExtractor.Default, card);
    bundle.Save(parsed.GetValue(modelPath)!.FullName);

    // 5. Report.
    var path = parsed.GetValue(report)!.FullName;
    var markdown = new MarkdownReport("Grid-searched random forest")
        .Paragraph($"Grid of {grid.Count} forests, 5-fold stratified CV on the 80% split of {balanced.Rows.Count} balanced clips, seed {s}. Best: `{search.Best.Describe()}` (CV accuracy {MarkdownReport.Percent(search.BestResult.MeanAccuracy)}).")
        .Comparisons([("tuned random forest", best)])
        .Heading($"Speaker-independent, all {all.Rows.Count} clips (the bundled model's setting)").Folds(speakerIndependent).Classes(speakerIndependent.Pooled)
        .Heading("Reference protocol: 20% test split").Classes(best.RandomSplitTest)
        .Heading("Top of the grid")
        .Paragraph(string.Join(Environment.NewLine, search.Ranked.Take(10).Select(r => $"- {MarkdownReport.Percent(r.Result.MeanAccuracy)} ± {MarkdownReport.Percent(r.Result.AccuracySpread)}: `{r.Options.Describe()}`")))
        .Paragraph($"Model bundle: `{parsed.GetValue(modelPath)!.Name}`, trained on {all.Rows.Count} clips.");
    markdown.Save(path);
    ChartHtml.WritePage(Path.ChangeExtension(path, ".html"), "Tuned random forest", [
        Charts.Scores([("random split, 20% test", best.RandomSplitTest.Accuracy, best.RandomSplitTest.UnweightedAverageRecall), ("speaker-independent, all clips", speakerIndependent.MeanAccuracy, speakerIndependent.MeanUar)], "Both evaluations"),
        Charts.ConfusionMatrix(best.RandomSplitTest, "Reference protocol, 20% test"),
        Charts.ConfusionMatrix(speakerIndependent.Pooled, "Speaker-independent, pooled over folds")]);
    AnsiConsole.WriteLine(markdown.ToString());
}));
return command.Parse(args).Invoke();
