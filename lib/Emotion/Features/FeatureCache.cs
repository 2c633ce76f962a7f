using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Emotion.Features;

/// <summary>
/// Features already computed, keyed by the SHA-256 of the audio file's bytes, in one file per
/// <see cref="FeatureExtractor.Fingerprint"/>: a renamed or moved clip is still found, an edited one
/// or changed settings are not. Safe for concurrent lookups and additions; <see cref="Save"/> writes
/// the whole file atomically. A cache file that is unreadable is ignored and rebuilt.
/// </summary>
public sealed class FeatureCache
{
    private static readonly byte[] Magic = "EMOFEAT1"u8.ToArray();
    private readonly ConcurrentDictionary<string, float[]> _entries = new();
    private readonly string _settings;
    private readonly int _featureCount;
    private bool _changed;

    private FeatureCache(string path, FeatureExtractor extractor)
    {
        FilePath = path;
        _settings = extractor.Settings;
        _featureCount = extractor.FeatureNames.Count;
    }

    /// <summary>The cache file for this extractor's settings.</summary>
    public string FilePath { get; }

    /// <summary>Number of clips cached.</summary>
    public int Count => _entries.Count;

    /// <summary>Opens (or starts) the cache for <paramref name="extractor"/>'s settings under <paramref name="directory"/>.</summary>
    public static FeatureCache Open(string directory, FeatureExtractor extractor)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(extractor);
        var cache = new FeatureCache(Path.Combine(directory, $"features-{extractor.Fingerprint}.bin"), extractor);
        cache.Load();
        return cache;
    }

    /// <summary>The key of some file content.</summary>
    public static string Key(ReadOnlySpan<byte> content) => Convert.ToHexString(SHA256.HashData(content));

    /// <summary>Looks up the features of content with <paramref name="key"/>.</summary>
    public bool TryGet(string key, out float[] features) => _entries.TryGetValue(key, out features!);

    /// <summary>Remembers <paramref name="features"/> for content with <paramref name="key"/>.</summary>
    public void Add(string key, float[] features)
    {
        if (features.Length != _featureCount)
            throw new ArgumentException($"Expected {_featureCount} features, got {features.Length}.", nameof(features));
        if (_entries.TryAdd(key, features))
            _changed = true;
    }

    /// <summary>Writes the cache if anything was added (to a temporary file, then renamed over the old one).</summary>
    public void Save()
    {
        if (!_changed)
            return;
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        string temporary = FilePath + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(_settings);
            writer.Write(_featureCount);
            writer.Write(_entries.Count);
            foreach (var (key, features) in _entries)
            {
                writer.Write(key);
                foreach (float value in features)
                    writer.Write(value);
            }
        }
        File.Move(temporary, FilePath, overwrite: true);
        _changed = false;
    }

    private void Load()
    {
        if (!File.Exists(FilePath))
            return;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(FilePath), Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadString() != _settings || reader.ReadInt32() != _featureCount)
                return;
            int count = reader.ReadInt32();
            for (int i = 0; i < count; i++)
            {
                string key = reader.ReadString();
                var features = new float[_featureCount];
                for (int j = 0; j < features.Length; j++)
                    features[j] = reader.ReadSingle();
                _entries[key] = features;
            }
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException)
        {
            // A damaged cache only costs recomputation.
            _entries.Clear();
        }
    }
}
