// Speaker-independent results table: feature sets x learners on the same actor folds, written to
// reports/speaker-independent.md (per-fold accuracy and UAR, mean and spread, confusion matrices).
//   dotnet run scripts/extract.cs -- --data data/ravdess-wav --out data/features-extended.csv --extended
//   dotnet run scripts/compare.cs -- [--in data/features-extended.csv] [--report reports/speaker-independent.md] [--seed 42]
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
var input = new Option<FileInfo>("--in") { Description = "Feature CSV with the extended features (extract.cs --extended), all clips.", DefaultValueFactory = _ => new("data/features-extended.csv") };
var report = new Option<FileInfo>("--report") { Description = "Markdown results table to write.", DefaultValueFactory = _ => new("reports/speaker-independent.md") };
var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 42 };
var command = new RootCommand("Compare feature sets and learners speaker-independently.") { input, report, seed };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    // 1. Load.
    var table = FeatureTable.ReadCsv(parsed.GetValue(input)!.FullName);

    // 2. The candidates: the reference's 80 MFCC statistics; the same without the clip's absolute
    //    level (mfcc_0's mean), which permutation importance ranks first on held-out actors; and
    //    the 80 with the spectral functionals.
    static bool IsMfcc80(string name) => name.StartsWith("mfcc_", StringComparison.Ordinal) && int.TryParse(name.AsSpan(5), out _);
    static FeatureTable Mfcc80(FeatureTable t) => t.SelectFeatures(IsMfcc80);
    static FeatureTable WithoutLevel(FeatureTable t) => t.SelectFeatures(name => IsMfcc80(name) && name != "mfcc_0");
    static FeatureTable Extended(FeatureTable t) => t;
    var forest = RandomForestOptions.ReferenceTuned with { MaximumDepth = null };
    Candidate[] candidates =
    [
        new("MFCC-80, tuned forest (the bundled model)", Mfcc80, forest),
        new("MFCC-80, linear SVM", Mfcc80, new LinearSvmOptions()),
        new("MFCC-80, maximum entropy", Mfcc80, new MaximumEntropyOptions()),
        new("MFCC-80, LightGBM", Mfcc80, new LightGbmOptions()),
        new("MFCC-80 without level, tuned forest", WithoutLevel, forest),
        new("MFCC-80 without level, linear SVM", WithoutLevel, new LinearSvmOptions()),
        new("MFCC-80 without level, maximum entropy", WithoutLevel, new MaximumEntropyOptions()),
        new("MFCC-80 + functionals, tuned forest", Extended, forest),
        new("MFCC-80 + functionals, linear SVM", Extended, new LinearSvmOptions()),
        new("MFCC-80 + functionals, maximum entropy", Extended, new MaximumEntropyOptions()),
        new("MFCC-80 + functionals, LightGBM", Extended, new LightGbmOptions()),
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
