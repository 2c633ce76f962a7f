// Speaker-independent results table: feature sets x learners on the same actor folds, written to
// reports/speaker-independent.md (per-fold accuracy and UAR, mean and spread, confusion matrices).
//   dotnet run scripts/compare.cs -- [--in data/features-clean.csv] [--report reports/speaker-independent.md] [--seed 42]
#:project ../lib/Emotion.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Cli;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Models;
using Spectre.Console;

ScriptConsole.Initialize();
var input = new Option<FileInfo>("--in") { Description = "Cleaned feature CSV (all clips).", DefaultValueFactory = _ => new("data/features-clean.csv") };
var report = new Option<FileInfo>("--report") { Description = "Markdown results table to write.", DefaultValueFactory = _ => new("reports/speaker-independent.md") };
var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 42 };
var command = new RootCommand("Compare feature sets and learners speaker-independently.") { input, report, seed };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    // 1. Load.
    var table = FeatureTable.ReadCsv(parsed.GetValue(input)!.FullName);

    // 2. The candidates: the reference's 80 MFCC statistics, and the same without the clip's
    //    absolute level (mfcc_0's mean), which permutation importance ranks first on held-out actors.
    static FeatureTable All(FeatureTable t) => t;
    static FeatureTable WithoutLevel(FeatureTable t) => t.SelectFeatures(name => name != "mfcc_0");
    var forest = RandomForestOptions.ReferenceTuned with { MaximumDepth = null };
    Candidate[] candidates =
    [
        new("MFCC-80, tuned forest (the bundled model)", All, forest),
        new("MFCC-80, linear SVM", All, new LinearSvmOptions()),
        new("MFCC-80, maximum entropy", All, new MaximumEntropyOptions()),
        new("MFCC-80 without level, tuned forest", WithoutLevel, forest),
        new("MFCC-80 without level, linear SVM", WithoutLevel, new LinearSvmOptions()),
        new("MFCC-80 without level, maximum entropy", WithoutLevel, new MaximumEntropyOptions()),
    ];

    // 3. Cross-validate all on the same actor folds, with speech alone too.
    var results = ConsoleProgress.Run("candidates", candidates.Length, progress => Comparison.Run(table, candidates, parsed.GetValue(seed), progress), unit: "candidates");

    // 4. Write the table.
    var markdown = Comparison.Report(results, $"{table.Rows.Count} clips of `{parsed.GetValue(input)!.Name}`", parsed.GetValue(seed));
    markdown.Save(parsed.GetValue(report)!.FullName);
    foreach (var row in results)
        AnsiConsole.MarkupLineInterpolated($"{row.Candidate.Name}: UAR {100 * row.All.MeanUar:F1}% ± {100 * row.All.UarSpread:F1} (speech alone {100 * row.Speech.MeanUar:F1}%)");
}));
return command.Parse(args).Invoke();
