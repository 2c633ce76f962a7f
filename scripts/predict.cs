// Predicts the emotion of audio files (WAV, FLAC, MP3, Ogg Vorbis or Opus, WebM Opus) with a model bundle.
//   dotnet run scripts/predict.cs -- [--model models/default.model.zip] <files or folders>... [--json] [--same-speaker]
// One line per file: file, emotion, confidence (calibrated on held-out speakers), and "unsure: ..."
// with the reasons when the answer is one to doubt (no emotion stands out, or telephone-band audio);
// --json gives one JSON object per line with all eight probabilities and the cautions. A file that
// cannot be analysed (unreadable, too short, silent, no voice) gets an error line and the rest go on;
// files in a folder that are not audio are listed as skipped.
// --same-speaker: every file is the same voice (one person, one microphone): the files are read
// together, each against the mean of them all, by the speaker-adapted model
// (models/speaker.model.zip unless --model names another); it needs 16 or more usable files, and
// since each is read against the others, files that all carry one mood come out as several.
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
var model = new Option<FileInfo?>("--model") { Description = "Model bundle (default models/default.model.zip, or models/speaker.model.zip with --same-speaker)." };
var json = new Option<bool>("--json") { Description = "One JSON object per line: file, emotion, confidence, probabilities (or error, or skipped)." };
var sameSpeaker = new Option<bool>("--same-speaker") { Description = "All the files are one speaker: read them together with the speaker-adapted model (16 or more files)." };
var inputs = new Argument<string[]>("inputs") { Description = "Audio files, or folders to search for them.", Arity = ArgumentArity.OneOrMore };
var command = new RootCommand("Predict the emotion of audio clips.") { model, json, sameSpeaker, inputs };
command.SetAction(parsed => ScriptConsole.Guard(() =>
{
    // 1. Load the bundle once; a speaker-adapted one only reads files together.
    bool together = parsed.GetValue(sameSpeaker);
    string path = parsed.GetValue(model)?.FullName ?? (together ? settings.BundledSpeakerModel : settings.BundledModel);
    var bundle = ModelBundle.Load(path);
    if (bundle.Model.Options.Centring is { } centring && !together)
    {
        ScriptConsole.Error($"{path} reads {centring.MinimumClips} or more clips of one speaker together: add --same-speaker, or use models/default.model.zip for clips one by one.");
        return 2;
    }
    var analyzer = new ClipAnalyzer(bundle);
    bool asJson = parsed.GetValue(json);

    // 2. Each input in the order given; a folder's files in name order, non-audio ones listed as skipped.
    var entries = parsed.GetValue(inputs)!.SelectMany(Expand).ToList();
    var audio = entries.Where(e => e.Skipped is null).Select(e => e.File).ToList();

    // 3. Predict, one by one as the lines go out or all together first; a file that cannot be
    // analysed gets an error line and the run goes on.
    using var verdicts = (together ? analyzer.PredictSpeaker(audio) : audio.Select(file => PredictOne(analyzer, file))).GetEnumerator();
    int failures = 0;
    foreach (var (file, skipped) in entries)
    {
        if (skipped is not null)
        {
            Console.WriteLine(asJson ? JsonSerializer.Serialize(new { file, skipped }) : $"{file}\tskipped: {skipped}");
            continue;
        }
        verdicts.MoveNext();
        if (verdicts.Current.Verdict is null)
            failures++;
        Console.WriteLine(Line(verdicts.Current, bundle, asJson));
    }
    return failures == 0 ? 0 : 1;
}));
return command.Parse(args).Invoke();

static BatchVerdict PredictOne(ClipAnalyzer analyzer, string file)
{
    try
    {
        return new BatchVerdict(file, analyzer.Predict(file), null);
    }
    catch (AudioException e)
    {
        return new BatchVerdict(file, null, e.Problem);
    }
}

static string Line(BatchVerdict result, ModelBundle bundle, bool asJson)
{
    string file = result.Path;
    if (result.Verdict is not { } verdict)
        return asJson ? JsonSerializer.Serialize(new { file, error = result.Problem }) : $"{file}\terror: {result.Problem}";
    var prediction = verdict.Prediction;
    return asJson
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
            + (verdict.Unsure ? "\tunsure: " + string.Join(" ", verdict.Cautions.Select(c => c.Message)) : "");
}

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
