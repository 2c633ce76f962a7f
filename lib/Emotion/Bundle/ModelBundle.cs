using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Emotion.Audio;
using Emotion.Evaluation;
using Emotion.Features;
using Emotion.Models;

namespace Emotion.Bundle;

/// <summary>A bundle that cannot be used: missing, damaged, too new, or made for other features.</summary>
public sealed class ModelBundleException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A fitted pipeline with everything needed to use it again, saved as one zip file: the card
/// (<c>card.json</c>: the feature options and pipeline options as data, labels, evaluations), the
/// fitted temperature when the pipeline calibrates (<c>calibration.json</c>), the
/// classifier's weights (<c>model.bin</c>) and the audio-word codebook when it has one
/// (<c>codebook.bin</c>). Loading builds the same feature computation from the stored options, so a
/// clip goes through exactly the steps the model was trained on.
/// </summary>
public sealed class ModelBundle
{
    /// <summary>The bundle format this library writes and reads.</summary>
    public const int CurrentFormatVersion = 2;

    private const string CardEntry = "card.json";
    private const string ModelEntry = "model.bin";
    private const string CodebookEntry = "codebook.bin";
    private const string CalibrationEntry = "calibration.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RegisterModelKinds } },
    };

    /// <summary>Bundles <paramref name="model"/> with its <paramref name="features"/> and <paramref name="card"/>.</summary>
    public ModelBundle(EmotionModel model, FeatureExtractor features, ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(card);
        if (!model.FeatureNames.SequenceEqual(features.FeatureNames))
            throw new ArgumentException("The model reads other features than the extractor computes.", nameof(features));
        Model = model;
        Features = features;
        Card = card;
    }

    /// <summary>The path of the bundled default model (the best by the speaker-independent measure), relative to the repository root.</summary>
    public static string DefaultRelativePath => Path.Combine("models", "default.model.zip");

    /// <summary>The path of the reference analysis's tuned forest, relative to the repository root.</summary>
    public static string ReferenceForestRelativePath => Path.Combine("models", "reference-forest.model.zip");

    /// <summary>The fitted pipeline after the features: codebook and classifier.</summary>
    public EmotionModel Model { get; }

    /// <summary>The feature computation the model expects.</summary>
    public FeatureExtractor Features { get; }

    /// <summary>What the model is and how well it does.</summary>
    public ModelCard Card { get; }

    /// <summary>The card as indented JSON.</summary>
    public string CardJson => JsonSerializer.Serialize(Card, Json);

    /// <summary>What the model reads of an analysed clip: its features, and its frames when it counts audio words.</summary>
    public ModelInput Input(AudioAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return new ModelInput(Features.Extract(analysis), Model.Codebook is null ? null : analysis.WordFrames());
    }

    /// <summary>Classifies an analysed clip (or a slice of one).</summary>
    public EmotionPrediction Predict(AudioAnalysis analysis) => Model.Predict(Input(analysis));

    /// <summary>Loads an audio file, analyses it and classifies it.</summary>
    /// <exception cref="AudioException">The file cannot be read as audio, or is too long.</exception>
    public EmotionPrediction Predict(string audioPath, CancellationToken cancel = default) =>
        Predict(Features.Analyze(AudioFile.Load(audioPath, Features.LoadOptions, cancel), cancel));

    /// <summary>Writes the bundle to <paramref name="stream"/>.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (var card = new StreamWriter(zip.CreateEntry(CardEntry).Open()))
            card.Write(CardJson);
        if (Model.Codebook is { } codebook)
        {
            using var entry = zip.CreateEntry(CodebookEntry, CompressionLevel.SmallestSize).Open();
            codebook.Save(entry);
        }
        if (Model.Calibration is { } calibration)
        {
            using var entry = zip.CreateEntry(CalibrationEntry).Open();
            JsonSerializer.Serialize(entry, calibration, Json);
        }
        using var model = zip.CreateEntry(ModelEntry, CompressionLevel.SmallestSize).Open();
        Model.Save(model);
    }

    /// <summary>Writes the bundle to <paramref name="path"/> through a temporary file.</summary>
    public void Save(string path) => AtomicFile.Write(path, Save);

    /// <summary>Reads a bundle; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="ModelBundleException">The bundle is damaged, of another format, or made for other features.</exception>
    public static ModelBundle Load(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var card = ReadCard(zip, name);
            var features = new FeatureExtractor(card.Features.Options);
            if (features.Fingerprint != card.Features.Fingerprint || !features.FeatureNames.SequenceEqual(card.Features.Names))
                throw new ModelBundleException($"{name}: the model was trained on features this library version computes differently (fingerprint {card.Features.Fingerprint}, here {features.Fingerprint}); retrain it with scripts/best.cs, or use the library version that made it");
            var codebook = card.Model.Words is null ? null : AudioCodebook.Load(Read(zip, CodebookEntry, name));
            var calibration = card.Model.Calibration is null ? null
                : JsonSerializer.Deserialize<ScoreCalibration>(Read(zip, CalibrationEntry, name), Json) is { Temperature: > 0 and < double.PositiveInfinity } fitted ? fitted
                : throw new ModelBundleException($"{name}: damaged bundle ({CalibrationEntry} holds no positive temperature)");
            return new ModelBundle(EmotionModel.Load(Read(zip, ModelEntry, name), card.Model, card.Labels, card.Features.Names, codebook, calibration), features, card);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or FormatException or NotSupportedException or ArgumentException or EndOfStreamException)
        {
            throw new ModelBundleException($"{name}: damaged model bundle ({e.Message})", e);
        }
    }

    /// <summary>Reads the bundle at <paramref name="path"/>.</summary>
    /// <exception cref="ModelBundleException">The file is missing, damaged, of another format, or made for other features.</exception>
    public static ModelBundle Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new ModelBundleException($"{path}: model bundle not found");
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    private static ModelCard ReadCard(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(CardEntry) ?? throw new ModelBundleException($"{name}: not a model bundle (no {CardEntry} inside)");
        JsonNode? json;
        using (var stream = entry.Open())
            json = JsonNode.Parse(stream);
        // The format decides how the rest reads, so it is checked before the card is bound.
        int format = json?["formatVersion"]?.GetValue<int>() ?? 0;
        if (format != CurrentFormatVersion)
            throw new ModelBundleException(format > CurrentFormatVersion
                ? $"{name}: bundle format {format} is newer than this library reads ({CurrentFormatVersion}); update the library"
                : $"{name}: bundle format {format} is older than this library reads ({CurrentFormatVersion}): it names its features by a settings string, where this format stores them as options; retrain it with scripts/best.cs (or scripts/tune.cs for the reference forest)");
        return json.Deserialize<ModelCard>(Json) ?? throw new ModelBundleException($"{name}: empty {CardEntry}");
    }

    /// <summary>An entry's bytes, in memory: ML.NET's reader needs a stream it can seek.</summary>
    private static MemoryStream Read(ZipArchive zip, string entry, string name)
    {
        var found = zip.GetEntry(entry) ?? throw new ModelBundleException($"{name}: damaged bundle (no {entry} inside)");
        var memory = new MemoryStream();
        using (var stream = found.Open())
            stream.CopyTo(memory);
        memory.Position = 0;
        return memory;
    }

    /// <summary>Every kind of <see cref="ModelOptions"/>, each written under its name in the card's <c>kind</c>.</summary>
    private static void RegisterModelKinds(JsonTypeInfo info)
    {
        if (info.Type != typeof(ModelOptions))
            return;
        info.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "kind",
            DerivedTypes =
            {
                new JsonDerivedType(typeof(RandomForestOptions), "random-forest"),
                new JsonDerivedType(typeof(LinearSvmOptions), "linear-svm"),
                new JsonDerivedType(typeof(MaximumEntropyOptions), "maximum-entropy"),
                new JsonDerivedType(typeof(LightGbmOptions), "lightgbm"),
                new JsonDerivedType(typeof(KernelRidgeOptions), "rbf-kernel-ridge"),
                new JsonDerivedType(typeof(InnerSearchOptions), "inner-search"),
            },
        };
    }
}
