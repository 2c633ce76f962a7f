// Step 7: permutation importance of each feature on held-out speakers, as a sorted bar chart.
// The bundle's learner is retrained without the last fold of actors, then each feature is
// shuffled in turn on that fold.
//   dotnet run scripts/importance.cs -- [--model models/reference-forest.model.zip] [--in data/features-clean.csv] [--out reports/07-importance.html] [--repeats 5] [--seed 42]
#:project ../lib/Emotion.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Bundle;
using Emotion.Cli;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Models;
using Emotion.Reporting;
using Spectre.Console;

ScriptConsole.Initialize();
var model = new Option<FileInfo>("--model") { Description = "Model bundle whose learner and settings to use.", DefaultValueFactory = _ => new(ModelBundle.ReferenceForestRelativePath) };
var input = new Option<FileInfo>("--in") { Description = "Cleaned feature CSV.", DefaultValueFactory = _ => new("data/features-clean.csv") };
var output = new Option<FileInfo>("--out") { Description = "HTML page to write.", DefaultValueFactory = _ => new("reports/07-importance.html") };
var repeats = new Option<int>("--repeats") { Description = "Shuffles per feature.", DefaultValueFactory = _ => 5 };
var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 42 };
var command = new RootCommand("Permutation feature importance on held-out actors.") { model, input, output, repeats, seed };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    // 1. Load the data and the learner's settings.
    var table = FeatureTable.ReadCsv(parsed.GetValue(input)!.FullName);
    var options = ModelBundle.Load(parsed.GetValue(model)!.FullName).Card.Model;

    // 2. Train without the last fold of actors; keep them for the importance.
    var fold = Folds.ByActor(table, Protocols.FoldCount)[^1];
    var trained = new EmotionTrainer(options, parsed.GetValue(seed)).Fit(table.Select(fold.Train), table.Labels);

    // 3. Shuffle each feature on the held-out actors.
    var importances = ConsoleProgress.Run("importance", table.FeatureNames.Count, progress =>
        PermutationImportance.Compute(trained, table.Select(fold.Test), parsed.GetValue(repeats), parsed.GetValue(seed), progress), unit: "features");

    // 4. Plot and list the top ten.
    ChartHtml.WritePage(parsed.GetValue(output)!.FullName, $"Feature importance on held-out {fold.Description}", [Charts.Importance(importances)]);
    ScriptConsole.Table($"top features (accuracy lost when shuffled, {fold.Description} held out)", importances.Take(10).Select(i => (i.Feature, $"{100 * i.Mean:F1} ± {100 * i.Spread:F1} points")));
}));
return command.Parse(args).Invoke();
