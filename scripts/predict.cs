// Predicts the emotion of audio files (WAV, MP3, OGG) with a model bundle.
//   dotnet run scripts/predict.cs -- [--model models/default.model.zip] <files or folders>... [--json]
// One line per clip: file, emotion, confidence; --json gives one JSON object per line with all
// eight probabilities. Unreadable files get an error line; the exit code is then 1, after the rest are done.
#:project ../lib/Emotion.Reporting/Emotion.Reporting.csproj
#:package System.CommandLine
#:property PublishAot=false

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Emotion.Audio;
using Emotion.Bundle;
using Emotion.Cli;
using Emotion.Data;

var settings = ScriptConsole.Initialize();
var model = new Option<FileInfo>("--model") { Description = "Model bundle.", DefaultValueFactory = _ => new(ModelBundle.DefaultRelativePath) };
var json = new Option<bool>("--json") { Description = "One JSON object per line: file, emotion, confidence, probabilities." };
var inputs = new Argument<string[]>("inputs") { Description = "Audio files, or folders to search for them.", Arity = ArgumentArity.OneOrMore };
var command = new RootCommand("Predict the emotion of audio clips.") { model, json, inputs };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    // 1. Load the bundle once.
    var bundle = ModelBundle.Load(parsed.GetValue(model)!.FullName);

    // 2. Expand folders into their audio files, keeping the order given.
    var files = parsed.GetValue(inputs)!.SelectMany(input => Directory.Exists(input)
        ? CorpusCatalog.Scan(input, CorpusLayout.Folders).Clips.Select(c => c.Path)
        : [input]).ToList();

    // 3. Predict each; a bad file gets an error line and the run goes on.
    int failures = 0;
    foreach (var file in files)
    {
        try
        {
            var prediction = bundle.Predict(file);
            Console.WriteLine(parsed.GetValue(json)
                ? JsonSerializer.Serialize(new
                {
                    file,
                    emotion = prediction.Emotion,
                    confidence = Math.Round(prediction.Confidence, 4),
                    probabilities = bundle.Model.Labels.Select((l, i) => (l, p: Math.Round(prediction.Probabilities[i], 4))).ToDictionary(x => x.l, x => x.p),
                })
                : string.Create(CultureInfo.InvariantCulture, $"{file}\t{prediction.Emotion}\t{prediction.Confidence:F3}"));
        }
        catch (AudioFormatException e)
        {
            failures++;
            Console.WriteLine(parsed.GetValue(json) ? JsonSerializer.Serialize(new { file, error = e.Problem }) : $"{file}\terror: {e.Problem}");
        }
    }
    return failures == 0 ? 0 : 1;
}));
return command.Parse(args).Invoke();
