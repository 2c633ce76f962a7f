// Extracts features for every audio clip under a folder into one CSV row per clip.
//   dotnet run scripts/extract.cs -- --data <dir> --out <features.csv> [--layout auto|ravdess|folders] [--no-cache] [--extended]
// Exit code: 0 all clips extracted, 2 some skipped (listed; the CSV holds the rest), 1 nothing usable.
#:project ../lib/Emotion.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Cli;
using Emotion.Data;
using Emotion.Features;
using Spectre.Console;

ScriptConsole.Initialize();
var data = new Option<DirectoryInfo>("--data") { Description = "Folder of audio clips (searched recursively).", Required = true };
var output = new Option<FileInfo>("--out") { Description = "CSV file to write.", Required = true };
var layout = new Option<CorpusLayout>("--layout") { Description = "How labels are named: RAVDESS file names, or <root>/<label>/<clip> folders.", DefaultValueFactory = _ => CorpusLayout.Auto };
var cacheDir = new Option<DirectoryInfo?>("--cache") { Description = "Feature cache folder (default: .feature-cache beside the output)." };
var noCache = new Option<bool>("--no-cache") { Description = "Recompute every clip; neither read nor write the cache." };
var extended = new Option<bool>("--extended") { Description = "Add the spectral functionals and prosody (212 features) to the 80 MFCC statistics." };
var command = new RootCommand("Extract the 80 MFCC statistics of every clip into a CSV.") { data, output, layout, cacheDir, noCache, extended };
command.SetAction(parsed => Run(parsed.GetValue(data)!, parsed.GetValue(output)!, parsed.GetValue(layout), parsed.GetValue(cacheDir), parsed.GetValue(noCache),
    parsed.GetValue(extended) ? FeatureExtractor.Extended : FeatureExtractor.Default));
return command.Parse(args).Invoke();

static int Run(DirectoryInfo data, FileInfo output, CorpusLayout layout, DirectoryInfo? cacheDir, bool noCache, FeatureExtractor extractor)
{
    // 1. Find the clips and their labels.
    CorpusCatalog catalog;
    try
    {
        catalog = CorpusCatalog.Scan(data.FullName, layout);
    }
    catch (DirectoryNotFoundException e)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
        return 1;
    }
    if (catalog.Clips.Count == 0)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]error:[/] no audio files under {catalog.Root}");
        return 1;
    }
    if (catalog.Clips.Any(c => string.Equals(c.Path, output.FullName, StringComparison.Ordinal)) || !output.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
    {
        AnsiConsole.MarkupLineInterpolated($"[red]error:[/] --out must be a .csv file that is not one of the inputs (got {output.FullName})");
        return 1;
    }
    AnsiConsole.MarkupLineInterpolated($"{catalog.Clips.Count} clips under {catalog.Root} ({catalog.Layout} layout)");

    // 2. Extract in parallel, reusing cached features.
    var cache = noCache ? null : FeatureCache.Open(cacheDir?.FullName ?? Path.Combine(output.DirectoryName!, ".feature-cache"), extractor);
    var result = ConsoleProgress.Run("extract", catalog.Clips.Count, progress =>
        CorpusExtractor.Run(catalog, extractor, new CorpusExtractionOptions { Cache = cache, Progress = progress }));

    // 3. Write the table and report.
    if (result.Clips.Count > 0)
        FeatureCsv.Write(output.FullName, extractor.FeatureNames, result.Clips);
    double rate = (catalog.Clips.Count - result.CacheHits) / Math.Max(result.Elapsed.TotalSeconds, 1e-9);
    AnsiConsole.MarkupLineInterpolated($"[green]{result.Clips.Count} rows[/] written to {output.FullName} in {result.Elapsed.TotalSeconds:F1} s ({result.CacheHits} from cache, {rate:F0} files/s computed)");
    if (catalog.Unlabelled.Count > 0)
        AnsiConsole.MarkupLineInterpolated($"[yellow]{Clips(catalog.Unlabelled.Count)} without a label under the {catalog.Layout} layout[/] (features kept, metadata empty): {string.Join(", ", catalog.Unlabelled.Take(10).Select(c => c.RelativePath))}{(catalog.Unlabelled.Count > 10 ? ", ..." : "")}");
    if (result.Failures.Count == 0)
        return 0;
    AnsiConsole.MarkupLineInterpolated($"[yellow]{Clips(result.Failures.Count)} skipped:[/]");
    foreach (var failure in result.Failures)
        AnsiConsole.MarkupLineInterpolated($"  {failure.Clip.RelativePath}: {failure.Reason}");
    return result.Clips.Count > 0 ? 2 : 1;
}

static string Clips(int count) => count == 1 ? "1 clip" : $"{count} clips";
