using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Emotion.Features;

/// <summary>A clip's features, and its frames when a model learns from them (audio words).</summary>
/// <param name="Values">The clip-level feature vector.</param>
/// <param name="Frames">The frames (<see cref="AudioAnalysis.WordFrames"/>), or null when not kept.</param>
public sealed record ClipFeatures(float[] Values, FrameMatrix? Frames);

/// <summary>
/// Features already computed, keyed by the SHA-256 of the audio file's bytes, in one file per
/// <see cref="FeatureExtractor.Fingerprint"/> (and one more when frames are kept): a renamed or
/// moved clip is still found, an edited one or changed settings are not. Safe for concurrent
/// lookups and additions; <see cref="Save"/> writes the whole file atomically. A cache file that
/// is unreadable is ignored and rebuilt.
/// </summary>
public sealed class FeatureCache
{
    private static readonly byte[] Magic = "EMOFEAT2"u8.ToArray();
    private readonly ConcurrentDictionary<string, ClipFeatures> _entries = new();
    private readonly string _settings;
    private readonly int _featureCount;
    private bool _changed;

    private FeatureCache(string path, FeatureExtractor extractor, bool frames)
    {
        FilePath = path;
        _settings = extractor.Settings + (frames ? " +frames" : "");
        _featureCount = extractor.FeatureNames.Count;
        KeepsFrames = frames;
    }

    /// <summary>The cache file for this extractor's settings.</summary>
    public string FilePath { get; }

    /// <summary>Whether entries carry frames.</summary>
    public bool KeepsFrames { get; }

    /// <summary>Number of clips cached.</summary>
    public int Count => _entries.Count;

    /// <summary>Opens (or starts) the cache for <paramref name="extractor"/>'s settings under <paramref name="directory"/>, with frames when <paramref name="frames"/>.</summary>
    public static FeatureCache Open(string directory, FeatureExtractor extractor, bool frames = false)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(extractor);
        var cache = new FeatureCache(Path.Combine(directory, $"features-{extractor.Fingerprint}{(frames ? "-frames" : "")}.bin"), extractor, frames);
        cache.Load();
        return cache;
    }

    /// <summary>The key of some file content.</summary>
    public static string Key(ReadOnlySpan<byte> content) => Convert.ToHexString(SHA256.HashData(content));

    /// <summary>Looks up the features of content with <paramref name="key"/>.</summary>
    public bool TryGet(string key, out ClipFeatures features) => _entries.TryGetValue(key, out features!);

    /// <summary>Remembers <paramref name="features"/> for content with <paramref name="key"/>.</summary>
    public void Add(string key, ClipFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Values.Length != _featureCount)
            throw new ArgumentException($"Expected {_featureCount} features, got {features.Values.Length}.", nameof(features));
        if (KeepsFrames != features.Frames is not null)
            throw new ArgumentException(KeepsFrames ? "This cache keeps frames; the features have none." : "This cache keeps no frames.", nameof(features));
        if (_entries.TryAdd(key, features))
            _changed = true;
    }

    /// <summary>Writes the cache if anything was added (through a temporary file).</summary>
    public void Save()
    {
        if (!_changed)
            return;
        AtomicFile.Write(FilePath, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8);
            writer.Write(Magic);
            writer.Write(_settings);
            writer.Write(_featureCount);
            writer.Write(_entries.Count);
            foreach (var (key, features) in _entries)
            {
                writer.Write(key);
                writer.Write(MemoryMarshal.AsBytes(features.Values.AsSpan()));
                if (features.Frames is not { } frames)
                    continue;
                writer.Write(frames.Count);
                writer.Write(frames.Width);
                writer.Write(MemoryMarshal.AsBytes(frames.Values));
            }
        });
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
            int entries = reader.ReadInt32();
            long length = reader.BaseStream.Length;
            for (int i = 0; i < entries; i++)
            {
                string key = reader.ReadString();
                var values = ReadFloats(reader, _featureCount, length);
                FrameMatrix? frames = null;
                if (KeepsFrames)
                {
                    int count = reader.ReadInt32(), width = reader.ReadInt32();
                    // A clip's frames in one read: the file holds them one after another.
                    frames = new FrameMatrix(ReadFloats(reader, checked(count * width), length), width);
                }
                _entries[key] = new ClipFeatures(values, frames);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException or OverflowException or OutOfMemoryException or ArgumentException)
        {
            // A damaged cache only costs recomputation.
            _entries.Clear();
        }
    }

    /// <summary><paramref name="count"/> floats, of a file of <paramref name="length"/> bytes (asked once: it is a system call).</summary>
    private static float[] ReadFloats(BinaryReader reader, int count, long length)
    {
        // A damaged count must not size an array beyond what the file still holds.
        long left = length - reader.BaseStream.Position;
        if (count < 0 || count > left / sizeof(float))
            throw new EndOfStreamException($"{count} values claimed, {left} bytes left");
        var values = new float[count];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}
