// Predicts the emotion of audio files (WAV, MP3, OGG) with a model bundle.
//   dotnet run scripts/predict.cs -- [--model models/default.model.zip] <files or folders>... [--json]
// One line per file: file, emotion, confidence (calibrated on held-out speakers), and "unsure: ..."
// with the reasons when the answer is one to doubt (no emotion stands out, or telephone-band audio);
// --json gives one JSON object per line with all eight probabilities and the cautions. A file that cannot be analysed (unreadable, too short, silent, no voice) gets
// an error line and the rest go on; files in a folder that are not audio are listed as skipped.
// Exit code: 0 every file classified, 1 some could not be (or the bundle is unusable), 2 bad arguments.
#:project ../lib/Emotion.Reporting/Emotion.Reporting.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Emotion.Audio;
using Emotion.Bundle;
using Emotion.Cli;
using Emotion.Prediction;

var settings = ScriptConsole.Initialize();
var model = new Option<FileInfo>("--model") { Description = "Model bundle.", DefaultValueFactory = _ => new(settings.BundledModel) };
var json = new Option<bool>("--json") { Description = "One JSON object per line: file, emotion, confidence, probabilities (or error, or skipped)." };
var inputs = new Argument<string[]>("inputs") { Description = "Audio files, or folders to search for them.", Arity = ArgumentArity.OneOrMore };
var command = new RootCommand("Predict the emotion of audio clips.") { model, json, inputs };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    // 1. Load the bundle once.
    var bundle = ModelBundle.Load(parsed.GetValue(model)!.FullName);
    var analyzer = new ClipAnalyzer(bundle);
    bool asJson = parsed.GetValue(json);
    int failures = 0;

    // 2. Each input in the order given; a folder's files in name order, non-audio ones listed as skipped.
    foreach (var (file, skipped) in parsed.GetValue(inputs)!.SelectMany(Expand))
    {
        if (skipped is not null)
        {
            Console.WriteLine(asJson ? JsonSerializer.Serialize(new { file, skipped }) : $"{file}\tskipped: {skipped}");
            continue;
        }
        // 3. Predict; a file that cannot be analysed gets an error line and the run goes on.
        try
        {
            var verdict = analyzer.Predict(file);
            var prediction = verdict.Prediction;
            Console.WriteLine(asJson
                ? JsonSerializer.Serialize(new
                {
                    file,
                    emotion = prediction.Emotion,
                    confidence = Math.Round(prediction.Confidence, 4),
                    unsure = verdict.Unsure,
                    cautions = verdict.Cautions.Select(c => c.Message),
                    bandwidthHz = Math.Round(verdict.Bandwidth),
                    probabilities = bundle.Model.Labels.Select((l, i) => (l, p: Math.Round(prediction.Probabilities[i], 4))).ToDictionary(x => x.l, x => x.p),
                })
                : string.Create(CultureInfo.InvariantCulture, $"{file}\t{prediction.Emotion}\t{prediction.Confidence:F3}")
                    + (verdict.Unsure ? "\tunsure: " + string.Join(" ", verdict.Cautions.Select(c => c.Message)) : ""));
        }
        catch (AudioException e)
        {
            failures++;
            Console.WriteLine(asJson ? JsonSerializer.Serialize(new { file, error = e.Problem }) : $"{file}\terror: {e.Problem}");
        }
    }
    return failures == 0 ? 0 : 1;
}));
return command.Parse(args).Invoke();

// A file as given, or a folder's files; anything in a folder that is not audio is skipped, with why.
static IEnumerable<(string File, string? Skipped)> Expand(string input)
{
    if (!Directory.Exists(input))
        return [(input, null)];
    return Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        .Select(f => (f, AudioFile.SupportedExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()) || Emotion.Data.CorpusCatalog.AudioExtensions.Contains(Path.GetExtension(f).ToLowerInvariant())
            ? null
            : $"not audio (a {(Path.GetExtension(f) is { Length: > 0 } e ? e : "file without an extension")})"));
}
