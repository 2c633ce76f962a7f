// Evaluates a model bundle on another labelled corpus laid out as <root>/<label>/<clip>, over the
// classes the two share; a label map file renames the corpus's labels (corpus label = model label).
//   dotnet run scripts/evaluate.cs -- --data <root> [--labels map.txt] [--model models/default.model.zip] [--report reports/cross-corpus.md]
#:project ../lib/Emotion.Reporting/Emotion.Reporting.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using Emotion.Analysis;
using Emotion.Bundle;
using Emotion.Cli;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Features;
using Emotion.Reporting;
using Spectre.Console;

var settings = ScriptConsole.Initialize();
var data = new Option<DirectoryInfo>("--data") { Description = "Corpus root: one folder per label, audio files inside.", Required = true };
var labelFile = new Option<FileInfo?>("--labels") { Description = "Label map file: 'corpus label = model label' per line; 'label =' leaves one out." };
var modelPath = new Option<FileInfo>("--model") { Description = "Model bundle.", DefaultValueFactory = _ => new(ModelBundle.DefaultRelativePath) };
var report = new Option<FileInfo>("--report") { Description = "Markdown report to write.", DefaultValueFactory = _ => new("reports/cross-corpus.md") };
var command = new RootCommand("Evaluate a model bundle on another labelled corpus.") { data, labelFile, modelPath, report };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    // 1. The model, the corpus and how its labels map.
    var bundle = ModelBundle.Load(parsed.GetValue(modelPath)!.FullName);
    var catalog = CorpusCatalog.Scan(parsed.GetValue(data)!.FullName, CorpusLayout.Folders);
    var labels = parsed.GetValue(labelFile) is { } file ? LabelMap.Read(file.FullName, bundle.Model.Labels) : LabelMap.Default;

    // 2. Extract and predict, with progress.
    var result = ConsoleProgress.Run("extract", catalog.Clips.Count, progress =>
        CorpusEvaluation.Run(bundle, catalog, labels, new CorpusExtractionOptions { Progress = progress }));

    // 3. Report.
    Reports.CorpusEvaluation(result, parsed.GetValue(modelPath)!.Name).Save(parsed.GetValue(report)!.FullName);
    foreach (var (corpusLabel, clips, modelLabel) in result.Mapping)
        AnsiConsole.MarkupLineInterpolated($"  {corpusLabel} ({clips} clips) -> {modelLabel ?? "not shared, left out"}");
    if (catalog.Skipped.Count > 0)
        AnsiConsole.MarkupLineInterpolated($"[yellow]{catalog.Skipped.Count} files skipped, not audio:[/] {string.Join(", ", catalog.Skipped.Take(10))}{(catalog.Skipped.Count > 10 ? ", ..." : "")}");
    foreach (var failure in result.Failures)
        AnsiConsole.MarkupLineInterpolated($"[yellow]skipped[/] {failure.Clip.RelativePath}: {failure.Reason}");
    AnsiConsole.MarkupLineInterpolated($"UAR {100 * result.Report.UnweightedAverageRecall:F1}% over {result.Shared.Count} shared classes (chance {100 * result.Chance:F1}%), accuracy {100 * result.Report.Accuracy:F1}%");
    AnsiConsole.MarkupLineInterpolated($"[green]report[/] written to {parsed.GetValue(report)!.FullName}");
}));
return command.Parse(args).Invoke();
