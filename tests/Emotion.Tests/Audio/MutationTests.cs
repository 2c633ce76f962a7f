using System.Buffers.Binary;
using System.Diagnostics;
using Emotion.Audio;
using Emotion.Bundle;
using Emotion.Prediction;

namespace Emotion.Tests.Audio;

/// <summary>
/// A short, deterministic mutation pass over the fuzzing seeds (fuzz/seeds), so that a decoder
/// regression shows in CI without afl-fuzz: every mutant must decode, or fail with the library's
/// AudioException, within a few seconds. fuzz/run.sh runs the long coverage-guided campaign.
/// </summary>
public class MutationTests
{
    private static readonly AudioLoadOptions Decode = new() { SampleRate = null, Limits = AudioLimits.Default with { MaximumDuration = TimeSpan.FromMinutes(10) } };

    public static TheoryData<string> Formats => ["wav", "flac", "mp3", "ogg", "opus", "webm"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Load_ThreeThousandMutantsOfEachSeed_OnlyClearErrors(string format)
    {
        foreach (var (name, seed) in Seeds(format))
            foreach (var (index, mutant) in Mutants(seed, count: 3000, seed: name.Length))
                AssertAnsweredQuickly(() => AudioFile.Load(mutant, "mutant." + format, Decode), $"{name} mutant {index}");
    }

    [Fact]
    public void Analyze_MutantsThroughTheWholePath_OnlyClearErrors()
    {
        // The web app's path: decode, resample, analyse, classify with the bundled model.
        var analyzer = new ClipAnalyzer(ModelBundle.Load(Path.Combine(Fixtures.RepositoryRoot, ModelBundle.DefaultRelativePath)),
            new ClipAnalyzerOptions { Limits = Decode.Limits });
        foreach (var (name, seed) in Seeds("pipeline"))
            foreach (var (index, mutant) in Mutants(seed, count: 200, seed: 11))
                AssertAnsweredQuickly(() => analyzer.Analyze(mutant, name), $"{name} mutant {index}");
    }

    [Fact]
    public void Load_FuzzingFindings_AnsweredWithAClearError()
    {
        // Given the inputs afl-fuzz found that hung or crashed a decoder (fuzz/results.md), e.g. an
        // Ogg whose first page claims 64 segments: NVorbis searched for the next stream for ever
        foreach (string path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz")))
        {
            // When / Then
            var error = Assert.ThrowsAny<AudioException>(() => AudioFile.Load(File.ReadAllBytes(path), path, Decode));
            Assert.Contains(Path.GetFileName(path), error.Message);
        }
    }

    [Theory]
    [InlineData("ogg-comment-length-slow.ogg", "corrupt Vorbis comment header: it claims 1662846249 comments in 96 bytes")]
    [InlineData("ogg-end-granule-trillion-hang.ogg", "corrupt Ogg Vorbis data: the page at byte 2836 claims 1099243194720 samples after 14 packets")]
    [InlineData("ogg-codebook-lookup-1gb.ogg", "corrupt Vorbis setup header: codebook 6 (6559 entries of 24584 dimensions) takes the codebooks past 4194304 entries or values")]
    [InlineData("mp3-embedded-wav-header-hang.mp3", "not a plain MP3 stream: it holds a WAV header at byte 46 (MP3 inside WAV is not read)")]
    public void Load_ForgedHeaders_RefusedBeforeTheDecoder(string file, string problem)
    {
        // Given afl-fuzz's inputs whose headers claim what the bytes cannot hold (the Oggs with
        // checksums stamped valid): 1,662,846,249 comments in 96 bytes (NVorbis spent seconds), a
        // trillion samples after 14 packets (NVorbis never returned), a 161-million-value lookup
        // table (NVorbis took 1.3 GB), a WAV header among MP3 frames (NLayer never returned)
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz", file);

        // When
        var error = Assert.ThrowsAny<AudioException>(() => AudioFile.Load(File.ReadAllBytes(path), path, Decode));

        // Then the checks before the decoder say what is wrong
        Assert.Equal(problem, error.Problem);
    }

    [Fact]
    public void Load_EndPageTrimmingMoreThanItsLastPacket_DecodesWithThePadding()
    {
        // Given afl-fuzz's Ogg (checksums stamped valid, every header in bounds) whose end page's
        // sample count would trim more than its last packet holds: NVorbis's read loop never returned
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz", "decodes", "ogg-end-trim-past-packet-hang.ogg");

        // When
        var clip = AudioFile.Load(File.ReadAllBytes(path), path, Decode);

        // Then the packets decode, untrimmed
        Assert.Equal(8000, clip.SampleRate);
        Assert.Equal(2048, clip.Samples.Length);
    }

    private static void AssertAnsweredQuickly(Action action, string what)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            action();
        }
        catch (AudioException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e.GetType().Name}: {e.Message}");
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{what} took {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static IEnumerable<(string Name, byte[] Content)> Seeds(string target) =>
        Directory.GetFiles(Path.Combine(Fixtures.RepositoryRoot, "fuzz", "seeds", target)).Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllBytes(path)));

    /// <summary>Seeded mutants as afl-fuzz's havoc stage makes them: flips, interesting values, lengths, cuts, splices.</summary>
    private static IEnumerable<(int Index, byte[] Content)> Mutants(byte[] original, int count, int seed)
    {
        var random = new Random(seed);
        int[] interesting = [0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, unchecked((int)0x80000000), -1, 22050, 44100, 8000];
        for (int i = 0; i < count; i++)
        {
            var mutant = (byte[])original.Clone();
            for (int edits = random.Next(1, 6); edits > 0 && mutant.Length > 8; edits--)
            {
                int at = random.Next(mutant.Length - 4);
                switch (random.Next(6))
                {
                    case 0:
                        mutant[at] ^= (byte)(1 << random.Next(8));
                        break;
                    case 1:
                        mutant[at] = (byte)random.Next(256);
                        break;
                    case 2:
                        BinaryPrimitives.WriteInt32LittleEndian(mutant.AsSpan(at), interesting[random.Next(interesting.Length)]);
                        break;
                    case 3:
                        BinaryPrimitives.WriteInt16LittleEndian(mutant.AsSpan(at), (short)interesting[random.Next(interesting.Length)]);
                        break;
                    case 4:
                        mutant = mutant[..random.Next(4, mutant.Length)];
                        break;
                    default:
                        int from = random.Next(mutant.Length), length = random.Next(1, Math.Min(64, mutant.Length - from) + 1);
                        mutant = [.. mutant[..at], .. mutant.AsSpan(from, length), .. mutant[at..]];
                        break;
                }
            }
            yield return (i, mutant);
        }
    }
}
