// Step 1: extracts features for every audio clip under a folder into one CSV row per clip, in
// parallel, through a cache keyed by file content (notebook 01 makes the same call).
//   dotnet run scripts/extract.cs -- [--data <dir>] [--out <features.csv>] [--layout auto|ravdess|folders] [--no-cache] [--extended]
// Exit code: 0 all clips extracted, 2 some skipped (listed; the CSV holds the rest), 1 nothing usable.
#:project ../lib/Emotion.Reporting/Emotion.Reporting.csproj
#:package System.CommandLine
#:property PublishAot=false
// A run lasts a second or two: dynamic PGO's instrumented code would run for much of it and the
// code it tunes arrive too late (the corpus: 1.59 s with it, 1.53 s without, published).
#:property TieredPGO=false
#:property PublishReadyToRun=true

using System.CommandLine;
using Emotion.Analysis;
using Emotion.Cli;
using Emotion.Data;
using Emotion.Features;
using Emotion.Reporting;
using Spectre.Console;

var settings = ScriptConsole.Initialize();
var data = new Option<DirectoryInfo>("--data") { Description = "Folder of audio clips (searched recursively).", DefaultValueFactory = _ => new(settings.Corpus) };
var output = new Option<FileInfo>("--out") { Description = "CSV file to write.", DefaultValueFactory = _ => new(settings.Features) };
var layout = new Option<CorpusLayout>("--layout") { Description = "How labels are named: RAVDESS file names, or <root>/<label>/<clip> folders.", DefaultValueFactory = _ => CorpusLayout.Auto };
var cacheDir = new Option<DirectoryInfo?>("--cache") { Description = "Feature cache folder (default: .feature-cache beside the output)." };
var noCache = new Option<bool>("--no-cache") { Description = "Recompute every clip; neither read nor write the cache." };
var extended = new Option<bool>("--extended") { Description = "Add the spectral functionals and prosody (212 features) to the 80 MFCC statistics." };
var command = new RootCommand("Extract the 80 MFCC statistics of every clip into a CSV.") { data, output, layout, cacheDir, noCache, extended };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    // 1. Extract in parallel, reusing cached features.
    var request = new ExtractionRequest
    {
        Features = parsed.GetValue(extended) ? FeatureExtractor.Extended : FeatureExtractor.Default,
        Layout = parsed.GetValue(layout),
        Output = parsed.GetValue(output)!.FullName,
        UseCache = !parsed.GetValue(noCache),
        CacheFolder = parsed.GetValue(cacheDir)?.FullName,
    };
    var outcome = ConsoleProgress.Run("extract", 0, progress => Steps.Extract(settings with { Corpus = parsed.GetValue(data)!.FullName }, request, progress));
    if (!outcome.Succeeded)
    {
        ScriptConsole.Error(outcome.Problem!);
        return 1;
    }

    // 2. Report what was written and what was skipped.
    var (catalog, result) = (outcome.Value.Catalog, outcome.Value.Extraction);
    double rate = (catalog.Clips.Count - result.CacheHits) / Math.Max(result.Elapsed.TotalSeconds, 1e-9);
    AnsiConsole.MarkupLineInterpolated($"[green]{result.Clips.Count} rows[/] written to {outcome.Value.Output} in {result.Elapsed.TotalSeconds:F1} s ({result.CacheHits} from cache, {rate:F0} files/s computed)");
    if (catalog.Skipped.Count > 0)
        AnsiConsole.MarkupLineInterpolated($"[yellow]{catalog.Skipped.Count} files skipped, not audio:[/] {string.Join(", ", catalog.Skipped.Take(10))}{(catalog.Skipped.Count > 10 ? ", ..." : "")}");
    if (catalog.Unlabelled.Count > 0)
        AnsiConsole.MarkupLineInterpolated($"[yellow]{Clips(catalog.Unlabelled.Count)} without a label under the {catalog.Layout} layout[/] (features kept, metadata empty): {string.Join(", ", catalog.Unlabelled.Take(10).Select(c => c.RelativePath))}{(catalog.Unlabelled.Count > 10 ? ", ..." : "")}");
    if (result.Failures.Count == 0)
        return 0;
    AnsiConsole.MarkupLineInterpolated($"[yellow]{Clips(result.Failures.Count)} skipped:[/]");
    foreach (var failure in result.Failures)
        AnsiConsole.MarkupLineInterpolated($"  {failure.Clip.RelativePath}: {failure.Reason}");
    return 2;
}));
return command.Parse(args).Invoke();

static string Clips(int count) => count == 1 ? "1 clip" : $"{count} clips";
