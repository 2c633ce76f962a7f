using System.Globalization;
using Emotion.Audio;
using Emotion.Data;
using Emotion.Features;

namespace Emotion.Tests.Features;

public class CorpusExtractorTests
{
    [Fact]
    public void Run_FolderWithBadFiles_ExtractsTheRestAndListsEachReason()
    {
        // Given two real clips, an empty one and a text file named .wav
        using var temp = Fixtures.TempDirectory();
        File.Copy(Fixtures.Original("03-01-05-02-01-01-02"), temp.File("03-01-05-02-01-01-02.wav"));
        File.Copy(Fixtures.Original("03-02-03-02-01-01-03"), temp.File("03-02-03-02-01-01-03.wav"));
        File.WriteAllBytes(temp.File("03-01-01-01-01-01-01.wav"), []);
        File.WriteAllText(temp.File("03-01-02-01-01-01-01.wav"), "text");
        var catalog = CorpusCatalog.Scan(temp.Path);

        // When
        var result = CorpusExtractor.Run(catalog, FeatureExtractor.Default);

        // Then
        Assert.Equal(["03-01-05-02-01-01-02.wav", "03-02-03-02-01-01-03.wav"], result.Clips.Select(c => c.Clip.RelativePath));
        Assert.Equal(["03-01-01-01-01-01-01.wav", "03-01-02-01-01-01-01.wav"], result.Failures.Select(f => f.Clip.RelativePath));
        Assert.Contains("empty", result.Failures[0].Reason);
        Assert.Contains("not audio", result.Failures[1].Reason);
    }

    [Fact]
    public void Run_SecondTimeWithCache_ReusesEveryClipAndGivesSameFeatures()
    {
        // Given the six originals and an empty cache
        using var temp = Fixtures.TempDirectory();
        var catalog = CorpusCatalog.Scan(Fixtures.OriginalsDirectory);
        var progress = new List<BatchProgress>();

        // When extracting twice through the cache, reopened from disk in between
        var first = CorpusExtractor.Run(catalog, FeatureExtractor.Default, new() { Cache = FeatureCache.Open(temp.Path, FeatureExtractor.Default) });
        var second = CorpusExtractor.Run(catalog, FeatureExtractor.Default, new()
        {
            Cache = FeatureCache.Open(temp.Path, FeatureExtractor.Default),
            Progress = new SynchronousProgress(progress.Add),
        });

        // Then the second run computes nothing and agrees exactly
        Assert.Equal(0, first.CacheHits);
        Assert.Equal(6, second.CacheHits);
        Assert.Equal(first.Clips.Select(c => c.Features.Values), second.Clips.Select(c => c.Features.Values));
        Assert.Equal(6, progress.Max(p => p.Completed));
    }

    [Fact]
    public void Cache_OtherSettings_DoNotShareEntries()
    {
        using var temp = Fixtures.TempDirectory();
        var cache = FeatureCache.Open(temp.Path, FeatureExtractor.Default);
        cache.Add("ABC", new ClipFeatures(new float[80], null));
        cache.Save();
        var thirteen = new FeatureExtractor(new FeatureOptions { Mfcc = new MfccOptions { CoefficientCount = 13 } });

        Assert.True(FeatureCache.Open(temp.Path, FeatureExtractor.Default).TryGet("ABC", out _));
        Assert.False(FeatureCache.Open(temp.Path, thirteen).TryGet("ABC", out _));
    }

    [Fact]
    public void Cache_WithFrames_KeepsThemApartAndGivesThemBack()
    {
        // Given the frames of a real clip, cached beside its features
        using var temp = Fixtures.TempDirectory();
        var analysis = FeatureExtractor.Default.Analyze(AudioFile.Load(Fixtures.Original("03-01-05-02-01-01-02")));
        var features = new ClipFeatures(FeatureExtractor.Default.Extract(analysis), analysis.WordFrames());
        var cache = FeatureCache.Open(temp.Path, FeatureExtractor.Default, frames: true);
        cache.Add("ABC", features);
        cache.Save();

        // When read back, with and without frames
        Assert.True(FeatureCache.Open(temp.Path, FeatureExtractor.Default, frames: true).TryGet("ABC", out var read));
        Assert.False(FeatureCache.Open(temp.Path, FeatureExtractor.Default).TryGet("ABC", out _));

        // Then the frames come back bit for bit
        Assert.Equal(features.Values, read.Values);
        Assert.Equal(features.Frames!.Width, read.Frames!.Width);
        Assert.Equal(features.Frames.Values.ToArray(), read.Frames.Values.ToArray());
    }

    [Fact]
    public void Cache_DamagedFile_IsIgnored()
    {
        using var temp = Fixtures.TempDirectory();
        var cache = FeatureCache.Open(temp.Path, FeatureExtractor.Default);
        cache.Add("ABC", new ClipFeatures(new float[80], null));
        cache.Save();
        File.WriteAllBytes(cache.FilePath, File.ReadAllBytes(cache.FilePath)[..100]);

        Assert.Equal(0, FeatureCache.Open(temp.Path, FeatureExtractor.Default).Count);
    }

    [Fact]
    public void Cache_DamagedFrameCount_IgnoredWithoutSizingIt()
    {
        // Given a cache of one clip with 3 frames of 80 values, its frame count then damaged to 5 million
        using var temp = Fixtures.TempDirectory();
        var cache = FeatureCache.Open(temp.Path, FeatureExtractor.Default, frames: true);
        cache.Add("ABC", new ClipFeatures(new float[80], FrameMatrix.Of([new float[80], new float[80], new float[80]], 80)));
        cache.Save();
        var bytes = File.ReadAllBytes(cache.FilePath);
        byte[] counts = [3, 0, 0, 0, 80, 0, 0, 0];
        int at = bytes.AsSpan().IndexOf(counts);
        Assert.True(at > 0);
        BitConverter.GetBytes(5_000_000).CopyTo(bytes, at);
        File.WriteAllBytes(cache.FilePath, bytes);

        // When opened
        long before = GC.GetAllocatedBytesForCurrentThread();
        var reopened = FeatureCache.Open(temp.Path, FeatureExtractor.Default, frames: true);

        // Then it is ignored, and 1.6 GB of frames were never asked for
        Assert.Equal(0, reopened.Count);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000);
    }

    [Fact]
    public void Run_SharedCorpusDecoded_Gives2036RowsWithoutFailures()
    {
        // Given the whole shared corpus as WAV
        var catalog = CorpusCatalog.Scan(Fixtures.SharedRavdessWav());
        using var temp = Fixtures.TempDirectory();

        // When extracted and written as CSV
        var result = CorpusExtractor.Run(catalog, FeatureExtractor.Default);
        FeatureCsv.Write(temp.File("features.csv"), FeatureExtractor.Default.FeatureNames, result.Clips.Select(c => (c.Clip.Info, c.Features.Values)));

        // Then every clip has a row with its metadata and 80 finite features
        Assert.Empty(result.Failures);
        var lines = File.ReadAllLines(temp.File("features.csv"));
        Assert.Equal(2037, lines.Length);
        Assert.All(lines.Skip(1), line =>
        {
            var fields = line.Split(',');
            Assert.Equal(9 + 80, fields.Length);
            Assert.Contains(fields[3], Emotions.Ravdess);
            Assert.All(fields.Skip(9), v => Assert.True(float.IsFinite(float.Parse(v, CultureInfo.InvariantCulture))));
        });
    }

    private sealed class SynchronousProgress(Action<BatchProgress> report) : IProgress<BatchProgress>
    {
        private readonly Lock _gate = new();

        public void Report(BatchProgress value)
        {
            lock (_gate)
                report(value);
        }
    }
}
