using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Emotion.Audio;
using Emotion.Features;
using Emotion.Models;

namespace Emotion.Bundle;

/// <summary>A bundle that cannot be used: missing, damaged, too new, or made for other features.</summary>
public sealed class ModelBundleException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A trained model with everything needed to use it again: its feature settings, labels, and model
/// card, saved as one zip file (<c>card.json</c> + <c>model.zip</c>, ML.NET's own format, and
/// <c>codebook.bin</c> when the features count learned <see cref="AudioWords"/>).
/// </summary>
public sealed class ModelBundle
{
    /// <summary>The bundle format this library writes and the newest it reads.</summary>
    public const int CurrentFormatVersion = 1;

    private const string CardEntry = "card.json";
    private const string ModelEntry = "model.zip";
    private const string CodebookEntry = "codebook.bin";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
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

    /// <summary>The classifier.</summary>
    public EmotionModel Model { get; }

    /// <summary>The feature computation the model expects.</summary>
    public FeatureExtractor Features { get; }

    /// <summary>What the model is and how well it does.</summary>
    public ModelCard Card { get; }

    /// <summary>The card as indented JSON.</summary>
    public string CardJson => JsonSerializer.Serialize(Card, Json);

    /// <summary>Extracts features from an audio file and classifies it.</summary>
    /// <exception cref="AudioFormatException">The file cannot be read as audio.</exception>
    public EmotionPrediction Predict(string audioPath) => Model.Predict(Features.Extract(audioPath));

    /// <summary>Classifies audio already loaded at the features' sample rate.</summary>
    public EmotionPrediction Predict(AudioClip clip) => Model.Predict(Features.Extract(clip));

    /// <summary>Writes the bundle to <paramref name="stream"/>.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (var card = new StreamWriter(zip.CreateEntry(CardEntry).Open()))
            card.Write(CardJson);
        if (Features.Sets.OfType<AudioWords>().SingleOrDefault() is { } words)
        {
            using var codebook = zip.CreateEntry(CodebookEntry, CompressionLevel.SmallestSize).Open();
            words.Codebook.Save(codebook);
        }
        using var model = zip.CreateEntry(ModelEntry, CompressionLevel.SmallestSize).Open();
        Model.Save(model);
    }

    /// <summary>Writes the bundle to <paramref name="path"/> through a temporary file.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + ".tmp";
        using (var stream = File.Create(temporary))
            Save(stream);
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Reads a bundle; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="ModelBundleException">The bundle is damaged, newer than this library, or made for other features.</exception>
    public static ModelBundle Load(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ModelCard card;
        EmotionModel model;
        FeatureExtractor features;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var cardEntry = zip.GetEntry(CardEntry) ?? throw new ModelBundleException($"{name}: not a model bundle (no {CardEntry} inside)");
            using (var cardStream = cardEntry.Open())
                card = JsonSerializer.Deserialize<ModelCard>(cardStream, Json) ?? throw new ModelBundleException($"{name}: empty {CardEntry}");
            if (card.FormatVersion > CurrentFormatVersion)
                throw new ModelBundleException($"{name}: bundle format {card.FormatVersion} is newer than this library reads ({CurrentFormatVersion}); update the library or retrain the model");
            features = KnownFeatures(card, name, ReadCodebook(zip));
            var modelEntry = zip.GetEntry(ModelEntry) ?? throw new ModelBundleException($"{name}: damaged bundle (no {ModelEntry} inside)");
            using var modelStream = new MemoryStream();
            using (var entry = modelEntry.Open())
                entry.CopyTo(modelStream);
            modelStream.Position = 0;
            model = EmotionModel.Load(modelStream, card.Model, card.Labels, card.Features.Names);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or FormatException or NotSupportedException)
        {
            throw new ModelBundleException($"{name}: damaged model bundle ({e.Message})", e);
        }
        return new ModelBundle(model, features, card);
    }

    /// <summary>Reads the bundle at <paramref name="path"/>.</summary>
    /// <exception cref="ModelBundleException">The file is missing, damaged, newer than this library, or made for other features.</exception>
    public static ModelBundle Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new ModelBundleException($"{path}: model bundle not found");
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    private static AudioCodebook? ReadCodebook(ZipArchive zip)
    {
        if (zip.GetEntry(CodebookEntry) is not { } entry)
            return null;
        using var stream = entry.Open();
        return AudioCodebook.Load(stream);
    }

    // A bundle with a codebook counts its words after one of the library's known features.
    private static FeatureExtractor KnownFeatures(ModelCard card, string name, AudioCodebook? codebook)
    {
        var known = codebook is null ? FeatureExtractor.Known : [.. FeatureExtractor.Known.Select(f => f.With(new AudioWords(codebook)))];
        return known.FirstOrDefault(f => f.Settings == card.Features.Settings)
            ?? throw new ModelBundleException(
                $"{name}: the model was trained on other features than this library computes.{Environment.NewLine}" +
                $"  bundle:  {card.Features.Settings}{Environment.NewLine}" +
                string.Concat(known.Select(f => $"  library: {f.Settings}{Environment.NewLine}")) +
                "Retrain it with scripts/pipeline.cs, or use a library version that matches.");
    }
}
