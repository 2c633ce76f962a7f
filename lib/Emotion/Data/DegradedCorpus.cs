using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Emotion.Audio;
using Emotion.Audio.Channels;
using Emotion.Features;

namespace Emotion.Data;

/// <summary>A clip of a corpus as a channel delivered it.</summary>
/// <param name="Clip">The clean clip.</param>
/// <param name="Channel">What it went through.</param>
/// <param name="Seed">Every random choice of the channel (a noise, a room) comes from it.</param>
/// <param name="Talkers">Other speakers' clips a babble mixes in; empty when the channel has none.</param>
public sealed record DegradedClip(CorpusClip Clip, Channel Channel, int Seed, IReadOnlyList<CorpusClip> Talkers);

/// <summary>
/// A corpus's clips through simulated channels, and their features: the degraded training copies of
/// multi-condition training (<see cref="Copies"/>), and the held-out clips under each test condition
/// (<see cref="Under"/>). Babble mixes only voices of the same speaker-independent fold, so a held-out
/// speaker is never heard in training in any form, not even as background; training copies and test
/// conditions draw from separate seed streams, so tests meet noises and rooms training never used.
/// </summary>
public static class DegradedCorpus
{
    private const int TrainingStream = 0x7A41;
    private const int TestStream = 0x5EED;

    /// <summary>
    /// Each clean clip's content key, read and hashed once per run rather than once per copy and
    /// condition (a dozen times a clip in the robustness table: most of its cache lookups' time).
    /// </summary>
    private static readonly ConditionalWeakTable<CorpusClip, string> ContentKeys = new();

    /// <summary>Voices in a babble.</summary>
    private const int BabbleTalkers = 4;

    /// <summary>
    /// <paramref name="options"/>.Copies degraded copies of every clip of <paramref name="catalog"/>, each
    /// through its own random chain (<see cref="ChannelSampler"/>), babble from clips of other actors in
    /// the same of <paramref name="folds"/> actor folds.
    /// </summary>
    public static IReadOnlyList<DegradedClip> Copies(CorpusCatalog catalog, AugmentationOptions options, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var talkers = TalkersByClip(catalog, folds);
        return [.. catalog.Clips.SelectMany(clip => Enumerable.Range(0, options.Copies).Select(copy =>
        {
            int clipSeed = SeedOf(clip, seed ^ TrainingStream, copy);
            var channel = ChannelSampler.Draw(options, new Random(clipSeed));
            return new DegradedClip(clip, channel, clipSeed, channel.NeedsTalkers ? Pick(clip, talkers[clip], clipSeed) : []);
        }))];
    }

    /// <summary>Every clip of <paramref name="catalog"/> through <paramref name="channel"/>, each with its own noise or room.</summary>
    public static IReadOnlyList<DegradedClip> Under(CorpusCatalog catalog, Channel channel, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(channel);
        var talkers = channel.NeedsTalkers ? TalkersByClip(catalog, folds) : null;
        return [.. catalog.Clips.Select(clip =>
        {
            int clipSeed = SeedOf(clip, seed ^ TestStream, 0);
            return new DegradedClip(clip, channel, clipSeed, talkers is null ? [] : Pick(clip, talkers[clip], clipSeed));
        })];
    }

    /// <summary>
    /// The features of every degraded clip (with frames when <paramref name="frames"/>), in parallel,
    /// through <paramref name="cache"/> (keyed by the clip's content, the channel, the seed and the talkers).
    /// </summary>
    /// <exception cref="AudioException">A clip cannot be read; the message names it.</exception>
    public static FeatureTable Extract(IReadOnlyList<DegradedClip> clips, FeatureExtractor extractor, FeatureCache? cache, bool frames, IProgress<BatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentNullException.ThrowIfNull(extractor);
        var rows = new FeatureRow[clips.Count];
        int done = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, clips.Count, i =>
        {
            var degraded = clips[i];
            long limit = extractor.LoadOptions.Limits.MaximumFileBytes;
            string key = KeyOf(ContentKeys.GetValue(degraded.Clip, clip => FeatureCache.Key(AudioFile.ReadAllBytes(clip.Path, limit))), degraded);
            if (cache is null || !cache.TryGet(key, out var features))
            {
                var clip = AudioFile.Load(AudioFile.ReadAllBytes(degraded.Clip.Path, limit), degraded.Clip.Path, extractor.LoadOptions);
                var talkers = degraded.Talkers.Select(t => AudioFile.Load(t.Path, extractor.LoadOptions)).ToList();
                var analysis = extractor.Analyze(degraded.Channel.Apply(clip, degraded.Seed, talkers));
                features = new ClipFeatures(extractor.Extract(analysis), frames ? analysis.WordFrames() : null);
                cache?.Add(key, features);
            }
            rows[i] = new FeatureRow(degraded.Clip.Info, features.Values) { Frames = features.Frames, Channel = degraded.Channel.Describe() };
            progress?.Report(new BatchProgress(Interlocked.Increment(ref done), clips.Count, clock.Elapsed));
        });
        cache?.Save();
        return new FeatureTable(extractor.FeatureNames, [.. rows.Where(r => r.Clip.Emotion is not null)]);
    }

    /// <summary>Voices for one babble: <see cref="BabbleTalkers"/> of the <paramref name="candidates"/>, drawn with <paramref name="seed"/>.</summary>
    /// <exception cref="InsufficientDataException">There is no other speaker to mix in.</exception>
    private static IReadOnlyList<CorpusClip> Pick(CorpusClip clip, IReadOnlyList<CorpusClip> candidates, int seed)
    {
        if (candidates.Count == 0)
            throw new InsufficientDataException(clip.Info.Actor is { } actor
                ? $"Babble mixes other speakers of the same fold, and actor {actor}'s fold has no other speaker ({clip.RelativePath}); the corpus needs more actors."
                : $"Babble mixes other speakers of the same fold, and {clip.RelativePath} names no speaker (RAVDESS file names do).");
        var shuffled = candidates.ToArray();
        new Random(seed).Shuffle(shuffled);
        return shuffled[..Math.Min(BabbleTalkers, shuffled.Length)];
    }

    /// <summary>For each clip, the clips of the other actors in its actor fold: the voices its babble may use.</summary>
    private static Dictionary<CorpusClip, IReadOnlyList<CorpusClip>> TalkersByClip(CorpusCatalog catalog, int folds)
    {
        var withActor = catalog.Clips.Where(c => c.Info.Actor is not null).ToList();
        var foldOf = Folds.ActorFolds(withActor.Select(c => c.Info.Actor!), folds);
        var byFold = withActor.GroupBy(c => foldOf[c.Info.Actor!]).ToDictionary(g => g.Key, g => g.ToList());
        return catalog.Clips.ToDictionary(clip => clip, clip => clip.Info.Actor is { } actor
            ? (IReadOnlyList<CorpusClip>)[.. byFold[foldOf[actor]].Where(other => other.Info.Actor != actor)]
            : []);
    }

    /// <summary>A seed for <paramref name="clip"/>'s copy <paramref name="copy"/>: the same in every process (no randomised string hashes).</summary>
    private static int SeedOf(CorpusClip clip, int seed, int copy) =>
        BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{clip.RelativePath}|{seed}|{copy}")));

    private static string KeyOf(string contentKey, DegradedClip clip) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{contentKey}|{clip.Channel.Describe()}|{clip.Seed}|{string.Join(',', clip.Talkers.Select(t => t.RelativePath))}")));
}
